import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { log, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { z } from 'zod';
import { parsePayload } from './payload';
import {
  RetrainStage,
  statusQuery,
  trainingProgressSignal,
  type RetrainStatus,
  type TrainingProgress,
} from './retrain-messages';
import { OutcomeKey, RetrainStageKey } from './search-attributes';

const finite = z.number().finite();
/** Schema of the training activity's progress signal (anyone can send a signal, so it is parsed too). */
const trainingProgressSchema: z.ZodType<TrainingProgress> = z.object({
  epoch: finite,
  maxEpochs: finite,
  loss: finite,
  valLoss: finite,
  valRocAuc: finite.nullable(),
  bestValRocAuc: finite.nullable(),
  bestEpoch: finite,
  resumedFromEpoch: finite,
});

/**
 * Where a retrain is, kept in one place: the `status` query's answer and the
 * search attributes change together through {@link RetrainStages.enter}.
 */
export class RetrainStages {
  private current: RetrainStatus = { stage: RetrainStage.Starting };

  /**
   * @param indexing - whether to set search attributes at all (off on servers that cannot register them)
   * @param legacy - a retrain whose history predates the `RetrainStage` attribute:
   *   search attributes are set only where that code set them, so its replay matches
   */
  constructor(
    private readonly indexing: boolean,
    private readonly legacy: boolean,
  ) {}

  /** The `status` query's answer now. */
  get status(): RetrainStatus {
    return this.current;
  }

  /** Installs the `status` query and the training-progress signal. */
  install(): void {
    setHandler(statusQuery, () => this.current);
    setHandler(trainingProgressSignal, (payload: unknown) => {
      const parsed = parsePayload(trainingProgressSchema, payload, 'trainingProgress');
      if (!parsed.ok) log.warn(`Ignoring trainingProgress signal: ${parsed.problem}`);
      else if (this.current.stage === RetrainStage.Training)
        this.current = { ...this.current, progress: parsed.value };
    });
  }

  /**
   * Moves to `stage`, merging `facts` into the status and setting `attributes`
   * with the stage's own `RetrainStage` attribute (and `PromotionDecision` once
   * there is an outcome).
   */
  enter(
    stage: RetrainStage,
    facts: Partial<Omit<RetrainStatus, 'stage'>> = {},
    attributes: SearchAttributeUpdatePair[] = [],
  ): void {
    this.current = { ...this.current, ...facts, stage };
    if (this.legacy) {
      // The attributes the code before RetrainStage set, at the same points.
      if (stage === RetrainStage.AwaitingApproval)
        this.index([{ key: OutcomeKey, value: RetrainStage.AwaitingApproval }]);
      else if (attributes.length > 0 || stage === RetrainStage.Completed) this.index(attributes);
      return;
    }
    this.index([...attributes, { key: RetrainStageKey, value: stage }]);
  }

  /** Adds facts to the status without a change of stage. */
  note(facts: Partial<Omit<RetrainStatus, 'stage'>>, attributes?: SearchAttributeUpdatePair[]): void {
    this.current = { ...this.current, ...facts };
    if (attributes) this.index(attributes);
  }

  private index(attributes: SearchAttributeUpdatePair[]): void {
    if (this.indexing) upsertSearchAttributes(attributes);
  }
}
