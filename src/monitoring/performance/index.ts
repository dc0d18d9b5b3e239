/** Realized performance of a period and the degradation rule. */
export * from './realized-performance';
export * from './degradation';
