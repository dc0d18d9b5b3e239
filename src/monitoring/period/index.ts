/** The monitoring period record. */
export * from './period-record';
