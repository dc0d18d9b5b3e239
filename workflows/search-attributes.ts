/**
 * Typed keys for the pipeline's custom search attributes (names and types in
 * `src/core/search-attributes.ts`), for `upsertSearchAttributes` and for
 * reading `typedSearchAttributes`.
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import { SearchAttribute } from '../src/core/search-attributes';

/** The candidate (or, for drift checks, the production) model version. */
export const ModelVersionKey = defineSearchAttributeKey(
  SearchAttribute.ModelVersion.name,
  SearchAttribute.ModelVersion.type,
);
/** md5 of the dataset snapshot the run used. */
export const DatasetMd5Key = defineSearchAttributeKey(
  SearchAttribute.DatasetMd5.name,
  SearchAttribute.DatasetMd5.type,
);
/** The candidate's value of the promotion rule's primary metric (ROC AUC by default). */
export const CandidateMetricKey = defineSearchAttributeKey(
  SearchAttribute.CandidatePrimaryMetric.name,
  SearchAttribute.CandidatePrimaryMetric.type,
);
/** Production's value of the primary metric on the same rows. */
export const ProductionMetricKey = defineSearchAttributeKey(
  SearchAttribute.ProductionPrimaryMetric.name,
  SearchAttribute.ProductionPrimaryMetric.type,
);
/** How a retrain ended (its outcome), in the `PromotionDecision` attribute. */
export const OutcomeKey = defineSearchAttributeKey(
  SearchAttribute.PromotionDecision.name,
  SearchAttribute.PromotionDecision.type,
);
/** Where a retrain is (its stage). */
export const RetrainStageKey = defineSearchAttributeKey(
  SearchAttribute.RetrainStage.name,
  SearchAttribute.RetrainStage.type,
);
/** Share of drifted columns found by a drift check. */
export const DriftShareKey = defineSearchAttributeKey(
  SearchAttribute.DriftShare.name,
  SearchAttribute.DriftShare.type,
);
/** Who asked for the run: a person, `schedule`, `ci`, `drift`. */
export const RequestedByKey = defineSearchAttributeKey(
  SearchAttribute.RequestedBy.name,
  SearchAttribute.RequestedBy.type,
);
