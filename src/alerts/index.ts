export * from './drift-alert';
export * from './webhook';
export * from './alert-state';
export * from './performance-alert';
