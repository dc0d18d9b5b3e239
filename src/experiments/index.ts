/**
 * Shadow and canary experiments decided by an always-valid sequential test
 * (mSPRT, Johari, Pekelis & Walsh 2017/2022), as plain domain code: running
 * sums, the test, guardrails, sticky assignment, the routing table serving
 * reads, and the simulation that proves the test's false-positive rate.
 */
export * from './errors';
export * from './running-sums';
export * from './msprt';
export * from './sequential-test';
export * from './settings';
export * from './batch';
export * from './score-histogram';
export * from './latency-histogram';
export * from './guardrails';
export * from './experiment-stats';
export * from './assignment';
export * from './routing-table';
export * from './fixed-horizon';
export * from './simulation';
export * from './collect-batch';
export * from './experiment-input';
export * from './timeline';
