/** Traffic of a period: request latency from the serving metrics. */
export * from './latency-histogram';
export * from './prometheus-text';
