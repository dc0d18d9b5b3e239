export * from './errors';
export * from './layout';
export * from './records';
export * from './checksums';
export * from './model-registry';
export * from './promotion';
export * from './model-lock';
