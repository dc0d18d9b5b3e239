/**
 * Custom search attributes the pipeline's workflows set, so engineers can find
 * runs with `temporal workflow list --query "..."`. The dev server the project
 * starts registers them (`--search-attribute Name=Type`), and the worker ensures
 * them on any other server at start.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The candidate (or, for drift checks, the production) model version. */
export const ModelVersionKey = defineSearchAttributeKey('ModelVersion', SearchAttributeType.KEYWORD);
/** md5 of the dataset snapshot the run used. */
export const DatasetMd5Key = defineSearchAttributeKey('DatasetMd5', SearchAttributeType.KEYWORD);
/** The candidate's value of the promotion rule's primary metric (ROC AUC by default). */
export const CandidateMetricKey = defineSearchAttributeKey(
  'CandidatePrimaryMetric',
  SearchAttributeType.DOUBLE,
);
/** Production's value of the primary metric on the same rows. */
export const ProductionMetricKey = defineSearchAttributeKey(
  'ProductionPrimaryMetric',
  SearchAttributeType.DOUBLE,
);
/** How a retrain ended (promoted, rejected, timed_out, not_qualified) or where it waits (awaiting_approval). */
export const DecisionKey = defineSearchAttributeKey('PromotionDecision', SearchAttributeType.KEYWORD);
/** Share of drifted columns found by a drift check. */
export const DriftShareKey = defineSearchAttributeKey('DriftShare', SearchAttributeType.DOUBLE);
/** Who asked for the run: a person, `schedule`, `ci`, `drift`. */
export const RequestedByKey = defineSearchAttributeKey('RequestedBy', SearchAttributeType.KEYWORD);

/** Every custom search attribute with its type, for registration. */
export const PIPELINE_SEARCH_ATTRIBUTES = [
  ModelVersionKey,
  DatasetMd5Key,
  CandidateMetricKey,
  ProductionMetricKey,
  DecisionKey,
  DriftShareKey,
  RequestedByKey,
] as const;
