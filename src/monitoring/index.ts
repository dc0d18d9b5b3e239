/**
 * Production monitoring, as plain domain code (no Temporal): confidence-based
 * performance estimation (NannyML's CBPE), match outcomes and their join to
 * logged predictions, realized performance and the degradation rule.
 */
export * from './cbpe';
export * from './outcomes';
export * from './performance';
export * from './period';
export * from './traffic';
export * from './retraining';
export * from './locations';
