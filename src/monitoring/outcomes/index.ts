/** Match outcomes: validation, the crash-safe append-only store, CSV import and the join to predictions. */
export * from './outcome';
export * from './outcome-csv';
export * from './outcome-store';
export * from './outcome-object-store';
export * from './open-outcome-store';
export { decideBatch, outcomeLine, parseOutcomeLine, type DecidedBatch } from './outcome-lines';
export * from './outcome-import';
export * from './outcome-join';
export * from './prediction-id';
export * from './known-predictions';
