/**
 * The server's Prometheus metrics (prom-client, the de-facto Node.js client:
 * text exposition format, histograms and process metrics done right), in a
 * registry of their own so tests and several servers in one process never share
 * counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Metric name prefix. */
export const METRIC_PREFIX = 'legalaid_serving_';

/** Every metric the server updates. */
export interface ServingMetrics {
  readonly registry: Registry;
  /** Requests by route, status code and the model version that answered (`none` when none did). */
  readonly requests: Counter<'route' | 'status' | 'model_version'>;
  /** Time from the request's arrival to its response, by route. */
  readonly latency: Histogram<'route'>;
  /** Rows scored, by model version. */
  readonly predictions: Counter<'model_version'>;
  /** Seconds to load, verify and warm up a version. */
  readonly modelLoadSeconds: Histogram<'outcome'>;
  /** 1 for the version that answers un-pinned requests now (one series per version ever served: the others are 0). */
  readonly servedVersion: Gauge<'model_version'>;
  /** Versions that failed to load and were refused, by reason. */
  readonly modelLoadFailures: Counter<'model_version' | 'reason'>;
  /** Production switches this process made, by what noticed them. */
  readonly modelSwitches: Counter<'trigger'>;
  /** Prediction log entries written to storage. */
  readonly logWritten: Counter;
  /** Prediction log entries dropped, by reason (`write_error`: e.g. a full disk; `buffer_full`: storage too slow). */
  readonly logDropped: Counter<'reason'>;
  /** Entries waiting in the buffer for the next flush. */
  readonly logBuffered: Gauge;
  /** Unix time of the last flush that wrote everything it had. */
  readonly logLastSuccessfulFlush: Gauge;
  /** 1 for the TensorFlow.js backend in use. */
  readonly backend: Gauge<'backend'>;
}

/**
 * Creates the metrics in a fresh registry, with Node.js process metrics.
 *
 * @param defaultLabels - labels added to every series (a cluster worker adds `worker`)
 */
export function createServingMetrics(defaultLabels: Record<string, string> = {}): ServingMetrics {
  const registry = new Registry();
  registry.setDefaultLabels(defaultLabels);
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: `${METRIC_PREFIX}requests_total`,
      help: 'HTTP requests by route, status code and the model version that answered',
      labelNames: ['route', 'status', 'model_version'],
      registers,
    }),
    latency: new Histogram({
      name: `${METRIC_PREFIX}request_duration_seconds`,
      help: 'Time from request arrival to response, by route',
      labelNames: ['route'],
      // Sub-millisecond buckets: a one-row prediction takes well under a millisecond.
      buckets: [0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    predictions: new Counter({
      name: `${METRIC_PREFIX}predictions_total`,
      help: 'Rows scored, by model version',
      labelNames: ['model_version'],
      registers,
    }),
    modelLoadSeconds: new Histogram({
      name: `${METRIC_PREFIX}model_load_seconds`,
      help: 'Time to load a model version, verify its checksums and make a warm-up prediction',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    servedVersion: new Gauge({
      name: `${METRIC_PREFIX}model_version_served`,
      help: '1 for the model version answering un-pinned requests, 0 for versions served before',
      labelNames: ['model_version'],
      registers,
    }),
    modelLoadFailures: new Counter({
      name: `${METRIC_PREFIX}model_load_failures_total`,
      help: 'Model versions that failed to load, verify or warm up and were refused',
      labelNames: ['model_version', 'reason'],
      registers,
    }),
    modelSwitches: new Counter({
      name: `${METRIC_PREFIX}model_switches_total`,
      help: 'Production model switches made by this process, by trigger (startup, poll, notify)',
      labelNames: ['trigger'],
      registers,
    }),
    logWritten: new Counter({
      name: `${METRIC_PREFIX}prediction_log_written_total`,
      help: 'Prediction log entries written to storage',
      registers,
    }),
    logDropped: new Counter({
      name: `${METRIC_PREFIX}prediction_log_dropped_total`,
      help: 'Prediction log entries dropped (write_error: storage refused the write, e.g. a full disk; buffer_full: more entries waiting than the buffer holds)',
      labelNames: ['reason'],
      registers,
    }),
    logBuffered: new Gauge({
      name: `${METRIC_PREFIX}prediction_log_buffered`,
      help: 'Prediction log entries waiting for the next flush',
      registers,
    }),
    logLastSuccessfulFlush: new Gauge({
      name: `${METRIC_PREFIX}prediction_log_last_success_timestamp_seconds`,
      help: 'Unix time of the last prediction log flush that wrote every entry it had',
      registers,
    }),
    backend: new Gauge({
      name: `${METRIC_PREFIX}tfjs_backend`,
      help: '1 for the TensorFlow.js backend this process scores with',
      labelNames: ['backend'],
      registers,
    }),
  };
}
