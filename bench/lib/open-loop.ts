/**
 * An open-loop HTTP load generator: request i is due at start + i / rate,
 * whether or not earlier requests have been answered, and its latency is
 * measured from that due time (as wrk2 does), so time a request spends queued
 * — in the server or waiting for a free connection — is counted, not hidden.
 *
 * Why not autocannon or loadtest: both record latency in whole milliseconds,
 * and a one-row prediction takes a fraction of one; autocannon's rate mode
 * also waits for a connection's previous answer before sending. This is a
 * loop over node:http's keep-alive agent; the statistics are plain sorts.
 */
import http from 'node:http';

/** One response as the generator saw it. */
export interface LoadResponse {
  /** Index of the request (its due time is start + index / rate). */
  readonly index: number;
  /** The virtual client that sent it. */
  readonly client: number;
  /** HTTP status, or 0 for a network error. */
  readonly status: number;
  readonly body: string;
  /** From the due time to the last byte, in ms. */
  readonly latencyMs: number;
  /** ms since the start when the request was handed to the socket pool (at or after its due time). */
  readonly sentAtMs: number;
  /** ms since the start when the response ended. */
  readonly endedAtMs: number;
}

/** What to send and how fast. */
export interface OpenLoopOptions {
  /** Base URL of the server, e.g. `http://127.0.0.1:8000`. */
  readonly url: string;
  readonly path: string;
  readonly ratePerSecond: number;
  /** How long to send for (the least, when `until` is given). */
  readonly durationMs: number;
  /**
   * Keeps sending until `settled` settles, then `tailMs` more (and at least
   * `durationMs` in all): load that lasts as long as what it is measured
   * against, e.g. a series of model switches.
   */
  readonly until?: { readonly settled: Promise<unknown>; readonly tailMs: number };
  /** The JSON body of request `index` sent by `client`. */
  readonly body: (index: number, client: number) => string;
  /**
   * Virtual clients; request i belongs to client i mod clients. Each has its
   * own keep-alive agent. @default 1
   */
  readonly clients?: number;
  /** Connections per client, at most. @default Infinity (never queue at the generator) */
  readonly socketsPerClient?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Called for every response as it ends (the test reads bodies here). */
  readonly onResponse?: (response: LoadResponse) => void;
  /** Gives up on a request after this long (counted as status 0). @default 10000 */
  readonly timeoutMs?: number;
}

/** Summary of a run. */
export interface OpenLoopResult {
  readonly sent: number;
  /** Status code → count (0: network error or timeout). */
  readonly statuses: Readonly<Record<string, number>>;
  /** Latency of every request, in ms, sorted ascending. */
  readonly latenciesMs: Float64Array;
  /** Wall time from the first due time to the last response, in ms. */
  readonly elapsedMs: number;
  /** Most requests in flight at once. */
  readonly maxInFlight: number;
}

/** The q-quantile (0..1) of sorted values, nearest rank. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs the load and resolves once every request has ended. */
export function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(options.path, options.url);
  const clients = options.clients ?? 1;
  const agents = Array.from(
    { length: clients },
    () => new http.Agent({ keepAlive: true, maxSockets: options.socketsPerClient ?? Infinity }),
  );
  const interval = 1000 / options.ratePerSecond;
  // Requests due before endMs are sent; `until` moves the end once it settles.
  let endMs = options.until ? Number.POSITIVE_INFINITY : options.durationMs;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let ended = 0;
  let sending = true;
  let inFlight = 0;
  let maxInFlight = 0;
  const start = performance.now();

  return new Promise((resolve) => {
    const settle = () => {
      if (sending || ended < next) return;
      for (const agent of agents) agent.destroy();
      resolve({
        sent: next,
        statuses,
        latenciesMs: Float64Array.from(latencies).sort(),
        elapsedMs: performance.now() - start,
        maxInFlight,
      });
    };
    const finish = (index: number, client: number, sentAtMs: number, status: number, body: string) => {
      const now = performance.now();
      const latencyMs = now - (start + index * interval);
      latencies.push(latencyMs);
      statuses[status] = (statuses[status] ?? 0) + 1;
      inFlight--;
      ended++;
      options.onResponse?.({ index, client, status, body, latencyMs, sentAtMs, endedAtMs: now - start });
      settle();
    };
    const send = (index: number) => {
      const client = index % clients;
      const payload = options.body(index, client);
      const sentAtMs = performance.now() - start;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let done = false;
      const request = http.request(
        target,
        {
          method: 'POST',
          agent: agents[client],
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            ...options.headers,
          },
          timeout: options.timeoutMs ?? 10_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (done) return;
            done = true;
            finish(index, client, sentAtMs, response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'));
          });
        },
      );
      const fail = (error: Error) => {
        if (done) return;
        done = true;
        finish(index, client, sentAtMs, 0, error.message);
      };
      request.on('error', fail);
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.end(payload);
    };
    if (options.until) {
      const stopLater = () => {
        endMs = Math.max(options.durationMs, performance.now() - start + options.until!.tailMs);
      };
      options.until.settled.then(stopLater, stopLater);
    }
    const tick = () => {
      const dueNow = Math.floor((performance.now() - start) / interval) + 1;
      while (next < dueNow && next * interval < endMs) send(next++);
      if (next * interval < endMs) {
        const wait = start + next * interval - performance.now();
        if (wait > 1) setTimeout(tick, Math.floor(wait));
        else setImmediate(tick);
      } else {
        sending = false;
        settle();
      }
    };
    tick();
  });
}
