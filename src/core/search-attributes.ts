/**
 * Custom search attributes the pipeline's workflows set, so engineers can find
 * runs with `temporal workflow list --query "..."`: names and index types as
 * plain data. Workflows wrap them as typed keys (`workflows/search-attributes.ts`);
 * `temporal/search-attributes.ts` registers them on a server.
 */

/** Index types used here; the strings are Temporal's `SearchAttributeType` values. */
export type SearchAttributeIndexType = 'KEYWORD' | 'DOUBLE';

/** One custom search attribute: its name and how the server indexes it. */
export interface SearchAttributeSpec<T extends SearchAttributeIndexType = SearchAttributeIndexType> {
  readonly name: string;
  readonly type: T;
}

/** Every custom search attribute of the pipeline. */
export const SearchAttribute = {
  /** The candidate (or, for drift checks, the production) model version. */
  ModelVersion: { name: 'ModelVersion', type: 'KEYWORD' },
  /** md5 of the dataset snapshot the run used. */
  DatasetMd5: { name: 'DatasetMd5', type: 'KEYWORD' },
  /** The candidate's value of the promotion rule's primary metric (ROC AUC by default). */
  CandidatePrimaryMetric: { name: 'CandidatePrimaryMetric', type: 'DOUBLE' },
  /** Production's value of the primary metric on the same rows. */
  ProductionPrimaryMetric: { name: 'ProductionPrimaryMetric', type: 'DOUBLE' },
  /**
   * How a retrain ended: promoted, approved (not switched in), rejected, timed_out,
   * not_qualified, failed_experiment. Outcomes only (retrains started before RetrainStage existed also
   * stored awaiting_approval here).
   */
  PromotionDecision: { name: 'PromotionDecision', type: 'KEYWORD' },
  /**
   * Where a retrain is: snapshotting, training, evaluating, experimenting (with an
   * experiment policy), awaiting_approval, promoting, records_pending, completed.
   */
  RetrainStage: { name: 'RetrainStage', type: 'KEYWORD' },
  /** Share of drifted columns found by a drift check. */
  DriftShare: { name: 'DriftShare', type: 'DOUBLE' },
  /** Who asked for the run: a person, `schedule`, `ci`, `drift`. */
  RequestedBy: { name: 'RequestedBy', type: 'KEYWORD' },
} as const satisfies Record<string, SearchAttributeSpec>;

/** Every custom search attribute with its type, for registration. */
export const PIPELINE_SEARCH_ATTRIBUTES: readonly SearchAttributeSpec[] = Object.values(SearchAttribute);
