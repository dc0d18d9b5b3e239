/**
 * The retrain's experiment stage: a qualifying candidate tried on live
 * traffic (shadow, or shadow then canary) before a person is asked. The
 * experiment runs as a child `experimentWorkflow` in its report mode
 * (`onBetter: 'report'`): it decides with the sequential test and its
 * guardrails, turns candidate traffic off, and ends with its verdict; it
 * never opens an approval gate nor promotes — the retrain's own gate does.
 */
import {
  ApplicationFailure,
  CancellationScope,
  executeChild,
  ParentClosePolicy,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import type { RetrainOutcome } from '../src/registry/records';
import type { experimentWorkflow } from './experiment';
import type { ExperimentInput, ExperimentResult } from './experiment-messages';
import {
  RetrainExperimentPolicy,
  RetrainStage,
  type RetrainExperimentInput,
  type RetrainExperimentOutcome,
} from './retrain-messages';
import type { RetrainStages } from './retrain-stages';
import { experimentWorkflowId } from './workflow-ids';

const routing = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/** What the live traffic said: go on to the approval gate, or end the retrain with `outcome`. */
export type LiveTrafficVerdict =
  | { readonly proceed: true }
  | { readonly proceed: false; readonly outcome: RetrainOutcome; readonly reason: string };

/** What the experiment stage needs from the retrain. */
export interface LiveTrafficContext {
  readonly stages: RetrainStages;
  readonly candidate: string;
  /** Production when the candidate was compared; null: there is none to experiment against. */
  readonly production: string | null;
  readonly requestedBy: string;
}

const PROCEED: LiveTrafficVerdict = { proceed: true };

/**
 * Runs the retrain's experiment, if its policy asks for one, and says whether
 * the candidate goes on to the approval gate: the test found it better, or no
 * decision came within the maximum duration (a person then decides with the
 * numbers in `status`). A guardrail breach or a candidate found worse ends the
 * retrain without approval (`failed_experiment`); an experiment aborted by a
 * person ends it as `rejected`. With policy `off` (or none) nothing happens —
 * no command, no state — so retrains started before experiments replay.
 *
 * @throws the child's failure (after routing production alone) when the experiment fails or is cancelled
 */
export async function tryOnLiveTraffic(
  experiment: RetrainExperimentInput | undefined,
  { stages, candidate, production, requestedBy }: LiveTrafficContext,
): Promise<LiveTrafficVerdict> {
  if (!experiment) return PROCEED;
  const { policy, ...settings } = experiment;
  if (policy === RetrainExperimentPolicy.Off) return PROCEED;
  if (production === null) {
    stages.note({
      experiment: { policy, state: 'skipped', reason: 'no production model to try the candidate against' },
    });
    return PROCEED;
  }
  const workflowId = experimentWorkflowId(candidate);
  stages.enter(RetrainStage.Experimenting, { experiment: { policy, state: 'running', workflowId } });
  const input: ExperimentInput = {
    ...settings,
    candidate,
    policy,
    onBetter: 'report',
    requestedBy: `${requestedBy} (retrain ${workflowInfo().workflowId})`.slice(0, 200),
  };
  let result: ExperimentResult;
  try {
    result = await executeChild<typeof experimentWorkflow>('experimentWorkflow', {
      workflowId,
      args: [input],
      // A retrain cancelled or ended by force asks its experiment to stop too.
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    });
  } catch (error) {
    // The experiment failed or was cancelled wherever it was: production answers alone again.
    await CancellationScope.nonCancellable(() =>
      routing.publishRouting({
        experimentId: workflowId,
        candidate,
        production,
        stage: 'off',
        canaryShare: 0,
        updatedBy: 'retrain',
        reason: 'the retrain’s experiment did not finish',
        at: new Date().toISOString(),
      }),
    );
    throw error;
  }
  const outcome = reportedOutcome(result);
  stages.note({
    experiment: {
      policy,
      state: 'decided',
      workflowId,
      outcome,
      reason: result.reason,
      report: result.report,
      controls: result.controls,
    },
  });
  switch (outcome) {
    case 'candidate_better':
    case 'inconclusive':
      return PROCEED;
    case 'aborted':
      return {
        proceed: false,
        outcome: 'rejected',
        reason: `The experiment on live traffic was ${result.reason}.`,
      };
    case 'candidate_worse':
    case 'rolled_back':
      return {
        proceed: false,
        outcome: 'failed_experiment',
        reason: `The experiment on live traffic (${workflowId}) ended ${outcome}: ${result.reason}.`,
      };
  }
}

/** The child's outcome; one its report mode cannot give (it never asks for approval) is a bug, not a verdict. */
function reportedOutcome(result: ExperimentResult): RetrainExperimentOutcome {
  switch (result.outcome) {
    case 'candidate_better':
    case 'candidate_worse':
    case 'rolled_back':
    case 'inconclusive':
    case 'aborted':
      return result.outcome;
    default:
      throw ApplicationFailure.nonRetryable(
        `the retrain's experiment ended "${result.outcome}", which its report mode never gives`,
        'UnexpectedExperimentOutcome',
      );
  }
}
