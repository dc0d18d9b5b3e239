/**
 * A closed-loop HTTP load: `connections` keep-alive connections, each sending
 * its next request as soon as the previous answer arrived, for a fixed time.
 * It measures the most a server answers per second (its ceiling), not latency
 * at a given rate — that is {@link runOpenLoop}'s job.
 */
import http from 'node:http';

/** What to send. */
export interface ClosedLoopOptions {
  readonly url: string;
  readonly path: string;
  readonly connections: number;
  readonly durationMs: number;
  readonly body: string;
}

/** Summary of a run. */
export interface ClosedLoopResult {
  readonly answered: number;
  /** Status code → count (0: network error). */
  readonly statuses: Readonly<Record<string, number>>;
  /** Answers per second over the run. */
  readonly perSecond: number;
  /** Latency of every request, in ms, sorted ascending. */
  readonly latenciesMs: Float64Array;
}

/** Runs the load; resolves when every connection's last request has ended. */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const target = new URL(options.path, options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const start = performance.now();
  const until = start + options.durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const done = (status: number) => {
        latencies.push(performance.now() - sent);
        statuses[status] = (statuses[status] ?? 0) + 1;
        resolve();
      };
      const request = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => done(response.statusCode ?? 0));
        },
      );
      request.on('error', () => done(0));
      request.end(options.body);
    });
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  const elapsed = performance.now() - start;
  agent.destroy();
  return {
    answered: latencies.length,
    statuses,
    perSecond: (latencies.length * 1000) / elapsed,
    latenciesMs: Float64Array.from(latencies).sort(),
  };
}
