/**
 * Online serving: latency at fixed request rates (open loop, so queueing is
 * counted) and peak throughput (closed loop) of `serve`, for 1-row and
 * 100-row TF Serving-shim requests, beside the bare in-process predict time
 * (encode + forward pass, the floor of a prediction) and a bare node:http
 * server answering a constant (this machine's HTTP ceiling); then p99 while
 * production switches back and forth every second. One server process: the
 * load generator needs the other core.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { spawn } from 'node:child_process';
import { resolveProjectPaths } from '../../src/config/paths';
import { createSnapshot, generateMatchmakingRows, parseDatasetCsv, rowsToCsv } from '../../src/data';
import { LABEL_COLUMN } from '../../src/data/schema';
import { initTensorflowBackend } from '../../src/model/backend';
import { loadVersionScorer } from '../../src/pipeline/version-scorer';
import { trainCandidate } from '../../src/pipeline/train-candidate';
import { ModelRegistry, promoteVersion, rollbackProduction, versionName } from '../../src/registry';
import { notifyServers } from '../../src/serving/reload-notifier';
import { freePort } from '../lib/free-port';
import { runClosedLoop } from '../lib/closed-loop';
import { progress, type BenchContext } from '../lib/context';
import { fixed, rate, renderTable, section as titled } from '../lib/format';
import { quantile, runOpenLoop } from '../lib/open-loop';
import { startServeProcess } from '../lib/serve-process';

/** One measured point. */
export interface ServingPoint {
  readonly server: 'serve' | 'bare node:http';
  readonly rows: number;
  /** Offered requests per second, or 'peak' for the closed loop. */
  readonly rate: number | 'peak';
  readonly answered: number;
  readonly failed: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The serving section's results. */
export interface ServingSection {
  readonly secondsPerPoint: number;
  readonly backend: string;
  /** Bare in-process predict time (encode + predict), median and p99, by rows per call. */
  readonly barePredict: readonly { rows: number; p50Ms: number; p99Ms: number }[];
  readonly points: readonly ServingPoint[];
  /** 1-row requests at the same rate, steady and while production switches every second. */
  readonly swap: { rate: number; switches: number; steadyP99Ms: number; swapP99Ms: number; failed: number };
}

const LOW_RATE = 50;
const RATES_1 = [LOW_RATE, 200, 500];
const RATES_100 = [20, 100];
const SWAP_RATE = 100;
const CONNECTIONS = 8;

/** A small trained project: two versions, the first in production. */
async function project(ctx: BenchContext) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-serving-'));
  const paths = resolveProjectPaths({ MLOPS_HOME: root });
  await fs.mkdir(paths.dataDir, { recursive: true });
  const rows = generateMatchmakingRows({ rows: 3000, seed: 5 });
  const csv = path.join(paths.dataDir, 'serving.csv');
  await fs.writeFile(csv, rowsToCsv(rows));
  const snapshot = await createSnapshot({ sourcePath: csv, root: paths.snapshotsDir, now: new Date(0) });
  const registry = new ModelRegistry(paths.modelsDir);
  const versions: string[] = [];
  for (let i = 0; i < 2; i++) {
    const version = versionName(new Date(Date.UTC(2026, 0, 1, 0, 0, i)), snapshot.md5);
    progress(ctx, `serving: train version ${i + 1} of 2`);
    await trainCandidate({
      registry,
      snapshotsDir: paths.snapshotsDir,
      datasetMd5: snapshot.md5,
      version,
      params: { epochs: 3, batchSize: 128, seed: 40 + i },
      checkpointDir: path.join(paths.workDir, version),
      run: { workflowId: `bench-${version}`, runId: 'run' },
    });
    versions.push(version);
  }
  await promoteVersion(registry, versions[0]!, undefined);
  const request = rows.map(({ [LABEL_COLUMN]: _label, ...features }) => features);
  return {
    root,
    registry,
    versions,
    rows,
    request,
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/** Median and p99 of `fn`'s time over `n` calls, in ms. */
function timeCalls(n: number, fn: (i: number) => void): { p50Ms: number; p99Ms: number } {
  for (let i = 0; i < Math.min(50, n); i++) fn(i); // warm-up
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(i);
    times[i] = performance.now() - t;
  }
  times.sort();
  return { p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99) };
}

/** A node:http server in its own process answering every POST with a constant. */
async function startBareServer(port: number) {
  const code = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.setHeader('content-type', 'application/json'); s.end('{"predictions":[0.5]}'); }); }).listen(${port}, '127.0.0.1', () => console.log('up'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/**
 * Waits until the server answers a health check within 50 ms (or 60 s passed):
 * a point that overloaded it must not leave a backlog in the next point's numbers.
 */
async function idle(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const t = performance.now();
    const ok = await fetch(`${url}/v2/health/live`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && performance.now() - t < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Runs the section. */
export async function benchServing(ctx: BenchContext): Promise<ServingSection> {
  const seconds = Number(process.env.BENCH_SERVING_SECONDS ?? 5);
  const durationMs = seconds * 1000;
  const fixture = await project(ctx);
  const body = (rows: number) => (i: number) =>
    JSON.stringify({
      instances: Array.from(
        { length: rows },
        (_, k) => fixture.request[(i * rows + k) % fixture.request.length],
      ),
    });
  const points: ServingPoint[] = [];
  try {
    progress(ctx, 'serving: bare in-process predict');
    const backend = await initTensorflowBackend();
    const scorer = await loadVersionScorer(fixture.registry, fixture.versions[0]!);
    // What `serve` does per request once the body is decoded: encode a table of just the
    // request's rows (all of them) and run the forward pass. The small tables are built
    // before the clock, as a request's are before scoring.
    const requestTables = (rows: number) =>
      Array.from({ length: 64 }, (_, i) => {
        const start = (i * rows) % (fixture.rows.length - rows);
        return parseDatasetCsv(rowsToCsv(fixture.rows.slice(start, start + rows)), 'serving.csv');
      });
    const barePredict = [1, 100].map((rows) => {
      const tables = requestTables(rows);
      const all = Array.from({ length: rows }, (_, k) => k);
      return {
        rows,
        ...timeCalls(rows === 1 ? 2000 : 300, (i) => {
          scorer.predict(scorer.encode(tables[i % tables.length]!, all));
        }),
      };
    });
    scorer.dispose();

    const measure = async (server: ServingPoint['server'], url: string, rows: number, rates: number[]) => {
      for (const r of rates) {
        await idle(url);
        progress(ctx, `serving: ${server}, ${rows}-row requests at ${r}/s`);
        const result = await runOpenLoop({
          url,
          path: '/v1/models/matchmaking:predict',
          ratePerSecond: r,
          durationMs,
          clients: CONNECTIONS,
          body: body(rows),
        });
        const answered = result.statuses['200'] ?? 0;
        points.push({
          server,
          rows,
          rate: r,
          answered,
          failed: result.sent - answered,
          perSecond: (answered * 1000) / result.elapsedMs,
          p50Ms: quantile(result.latenciesMs, 0.5),
          p99Ms: quantile(result.latenciesMs, 0.99),
        });
      }
      progress(
        ctx,
        `serving: ${server}, ${rows}-row requests, peak (closed loop, ${CONNECTIONS} connections)`,
      );
      const peak = await runClosedLoop({
        url,
        path: '/v1/models/matchmaking:predict',
        connections: CONNECTIONS,
        durationMs,
        body: body(rows)(0),
      });
      const answered = peak.statuses['200'] ?? 0;
      points.push({
        server,
        rows,
        rate: 'peak',
        answered,
        failed: peak.answered - answered,
        perSecond: peak.perSecond * (answered / Math.max(1, peak.answered)),
        p50Ms: quantile(peak.latenciesMs, 0.5),
        p99Ms: quantile(peak.latenciesMs, 0.99),
      });
    };

    const bare = await startBareServer(await freePort());
    try {
      await measure('bare node:http', bare.url, 1, RATES_1);
    } finally {
      bare.stop();
    }
    const token = 'bench-admin';
    const serve = await startServeProcess(
      fixture.root,
      await freePort(),
      ['--workers', '1', '--poll-interval-ms', '60000', '--max-rows', '1000'],
      { SERVING_ADMIN_KEYS: token, LOG_LEVEL: 'warn' },
    );
    try {
      await measure('serve', serve.url, 1, RATES_1);
      await measure('serve', serve.url, 100, RATES_100);

      // Swaps: production alternates between the two versions every second, each switch announced.
      progress(ctx, `serving: 1-row requests at ${SWAP_RATE}/s while production switches every second`);
      await idle(serve.url);
      const atSwapRate = () =>
        runOpenLoop({
          url: serve.url,
          path: '/v1/models/matchmaking:predict',
          ratePerSecond: SWAP_RATE,
          durationMs,
          clients: CONNECTIONS,
          body: body(1),
        });
      // One discarded run first (the 100-row peak just before leaves garbage to collect),
      // then steady state before and after the switching run: the target is judged
      // against the lower (stricter) of the two steady p99s.
      await atSwapRate();
      const steadyBefore = await atSwapRate();
      let switches = 0;
      let stop = false;
      const quiet = pino({ level: 'silent' });
      const switching = (async () => {
        while (!stop) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          if (stop) break;
          const result =
            switches % 2 === 0
              ? await promoteVersion(fixture.registry, fixture.versions[1]!, fixture.versions[0])
              : await rollbackProduction(fixture.registry);
          await notifyServers({ urls: [`${serve.url}/admin/reload`], token }, quiet, result.production);
          switches++;
        }
      })();
      const during = await atSwapRate();
      stop = true;
      await switching;
      await idle(serve.url);
      const steadyAfter = await atSwapRate();
      const swap = {
        rate: SWAP_RATE,
        switches,
        steadyP99Ms: Math.min(
          quantile(steadyBefore.latenciesMs, 0.99),
          quantile(steadyAfter.latenciesMs, 0.99),
        ),
        swapP99Ms: quantile(during.latenciesMs, 0.99),
        failed: during.sent - (during.statuses['200'] ?? 0),
      };
      return { secondsPerPoint: seconds, backend, barePredict, points, swap };
    } finally {
      await serve.stop();
    }
  } finally {
    await fixture.remove();
  }
}

/**
 * The serving targets, each as a ratio that must reach 1 (0.6 for the
 * throughput share), higher is better.
 */
export function servingTargets(
  s: ServingSection,
): { name: string; measured: string; value?: number; threshold: number }[] {
  const bare1 = s.barePredict.find((b) => b.rows === 1)?.p50Ms;
  const low = s.points.find((p) => p.server === 'serve' && p.rows === 1 && p.rate === LOW_RATE);
  const peak = (server: ServingPoint['server']) =>
    s.points.find((p) => p.server === server && p.rows === 1 && p.rate === 'peak')?.perSecond;
  const finite = (v: number) => (Number.isFinite(v) ? v : undefined);
  return [
    {
      name: '1-row p50 within 0.5 ms of the bare predict time at low load',
      measured: `(bare predict p50 + 0.5 ms) ÷ serve p50 at ${LOW_RATE}/s`,
      ...(low && bare1 !== undefined ? { value: finite((bare1 + 0.5) / low.p50Ms) } : {}),
      threshold: 1,
    },
    {
      name: 'peak throughput ≥ 60 % of the bare-HTTP ceiling',
      measured: "serve's peak 1-row answers/s ÷ bare node:http's",
      value: finite((peak('serve') ?? Number.NaN) / (peak('bare node:http') ?? Number.NaN)),
      threshold: 0.6,
    },
    {
      name: 'p99 during a swap ≤ 1.5 × steady state',
      measured: `1.5 × steady p99 ÷ p99 while switching every second (${s.swap.rate}/s)`,
      value: finite((1.5 * s.swap.steadyP99Ms) / s.swap.swapP99Ms),
      threshold: 1,
    },
  ];
}

/** The section as text. */
export function servingTable(s: ServingSection): string {
  const bare = s.barePredict.map(
    (b) => `${b.rows} row${b.rows > 1 ? 's' : ''}: ${fixed(b.p50Ms, 3)} ms (p99 ${fixed(b.p99Ms, 3)})`,
  );
  const rows = s.points.map((p) => [
    p.server,
    String(p.rows),
    p.rate === 'peak' ? `peak (${CONNECTIONS} conn.)` : `${p.rate}/s`,
    rate(p.perSecond),
    fixed(p.p50Ms, 2),
    fixed(p.p99Ms, 2),
    String(p.failed),
  ]);
  rows.push([
    'serve, swapping',
    '1',
    `${s.swap.rate}/s`,
    `${s.swap.switches} switches`,
    '—',
    `${fixed(s.swap.swapP99Ms, 2)} (steady ${fixed(s.swap.steadyP99Ms, 2)})`,
    String(s.swap.failed),
  ]);
  return titled(
    `Online serving (TF Serving shim, ${s.secondsPerPoint} s per point, one server process, tfjs ${s.backend}); bare predict ${bare.join(', ')}`,
    renderTable(['server', 'rows', 'offered', 'answered/s', 'p50 ms', 'p99 ms', 'failed'], rows),
  );
}
