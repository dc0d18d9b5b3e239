import type { DuplicateSummary } from '../data';
import type { ClassificationMetrics } from '../metrics';
import type { PromotionVerdict } from '../evaluation';
import type { ArtifactChecksums } from './checksums';

/** What a model version is now, derived from the pointers and its decision record. */
export const ModelStage = {
  Candidate: 'candidate',
  Production: 'production',
  Archived: 'archived',
  Rejected: 'rejected',
  /** Approved by a human, not (yet) in production: `legalaid-mlops promote <version>` switches it in. */
  Approved: 'approved',
} as const;
export type ModelStage = (typeof ModelStage)[keyof typeof ModelStage];

/** `manifest.json`: written once when the version is published, never changed. */
export interface ModelManifest {
  readonly formatVersion: 1;
  readonly model: string;
  readonly version: string;
  readonly createdAt: string;
  readonly dataset: { readonly md5: string; readonly rows: number; readonly source: string };
  readonly training: {
    /** Training parameters as parsed (`hiddenUnits` is a list, `classWeighting` a word). */
    readonly params: Record<string, number | string | readonly number[]>;
    readonly bestEpoch: number;
    readonly epochsRun: number;
    readonly stoppedEarly: boolean;
    readonly resumedFromEpoch: number;
    readonly backend: string;
    readonly bestValidationRocAuc: number | null;
  };
  readonly run: { readonly workflowId: string; readonly runId: string };
  /** sha256 of each artifact file, verified before promotion and when loading. */
  readonly files: ArtifactChecksums;
}

/** `evaluation.json`: candidate and production scored on the same held-out rows. */
export interface EvaluationRecord {
  readonly evaluatedAt: string;
  readonly datasetMd5: string;
  readonly testRows: number;
  readonly candidate: ClassificationMetrics;
  readonly production: { readonly version: string; readonly metrics: ClassificationMetrics } | null;
  /** The promotion rule's verdict (files written before it was renamed call it `decision`). */
  readonly verdict: PromotionVerdict;
  /**
   * Exact duplicates in the snapshot and among the test rows (copies of a row all sit in
   * one part of the split, so none of them is in training). Absent in records written
   * before issue 12.
   */
  readonly duplicates?: { readonly dataset: DuplicateSummary; readonly testRows: DuplicateSummary };
}

/** How a candidate's story ended (or, for `approved`, where it stands). */
export const RetrainOutcome = {
  /** Approved by a human and switched into production. */
  Promoted: 'promoted',
  /**
   * Approved by a human, recorded before the switch; the switch has not happened
   * (yet): promotion is under way, or gave up and waits for `promote <version>`.
   */
  Approved: 'approved',
  /** Rejected by a human. */
  Rejected: 'rejected',
  /** Nobody answered within the approval window: counts as a rejection. */
  TimedOut: 'timed_out',
  /** The promotion rule said no; no human was asked. */
  NotQualified: 'not_qualified',
  /**
   * The candidate qualified but failed its experiment on live traffic (a guardrail
   * breach, or the sequential test found it worse); no human was asked.
   */
  FailedExperiment: 'failed_experiment',
} as const;
export type RetrainOutcome = (typeof RetrainOutcome)[keyof typeof RetrainOutcome];

/** `decision.json`: the outcome, who answered, when and why. */
export interface OutcomeRecord {
  readonly outcome: RetrainOutcome;
  readonly reason: string;
  readonly decidedAt: string;
  readonly approver?: string;
  readonly comment?: string;
  readonly workflowId: string;
}
