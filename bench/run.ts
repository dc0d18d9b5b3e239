/**
 * `npm run bench`: training, scoring, loading, drift and orchestration
 * benchmarks of the pipeline, each measurement in a fresh process, beside the
 * Python stack a user would pick instead (Keras, pandas, Evidently) run on the
 * same files in the same run. Prints the tables and writes
 * bench/results/latest.json. `npm run bench -- --help` lists the options
 * (sizes, backends, sections, repeats; each also a BENCH_* variable).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { progress, type BenchContext } from './lib/context';
import { parseBenchOptions, type Section } from './lib/options';
import { ensurePythonPeers } from './lib/python';
import { checkTargets, targetsTable } from './lib/targets';
import { benchDrift, driftTable, type DriftSection } from './sections/drift';
import { benchExperiments, experimentsTable, type ExperimentsSection } from './sections/experiments';
import { benchLoading, loadingTable, type LoadingSection } from './sections/loading';
import { benchOrchestration, orchestrationTable, type OrchestrationSection } from './sections/orchestration';
import { benchScoring, scoringTable, type ScoringSection } from './sections/scoring';
import { benchTraining, trainingTables, type TrainingSection } from './sections/training';
import { benchTuning, tuningTable, type TuningSection } from './sections/tuning';
import { benchServing, servingTable, type ServingSection } from './sections/serving';
import { benchExplain, explainTable, type ExplainSection } from './sections/explain';
import { MOTO_REQUIREMENT } from '../test/helpers/moto-server';
import { benchStore, storeTable, type StoreSection } from './sections/store';

const ROOT = path.resolve(__dirname, '..');

/** Each section: how to run it and how to print its result. */
/** Each section's result, by section. */
interface SectionResults {
  train?: TrainingSection;
  score?: ScoringSection;
  load?: LoadingSection;
  drift?: DriftSection;
  orchestration?: OrchestrationSection;
  experiments?: ExperimentsSection;
  tuning?: TuningSection;
  serving?: ServingSection;
  explain?: ExplainSection;
  store?: StoreSection;
}

const SECTION_RUNNERS: {
  [S in Section]: (ctx: BenchContext) => Promise<{ result: NonNullable<SectionResults[S]>; text: string }>;
} = {
  train: async (ctx) => wrap(await benchTraining(ctx), trainingTables),
  score: async (ctx) => wrap(await benchScoring(ctx), scoringTable),
  load: async (ctx) => wrap(await benchLoading(ctx), loadingTable),
  drift: async (ctx) => wrap(await benchDrift(ctx), driftTable),
  orchestration: async (ctx) => wrap(await benchOrchestration(ctx), orchestrationTable),
  experiments: async (ctx) => wrap(await benchExperiments(ctx), experimentsTable),
  tuning: async (ctx) => wrap(await benchTuning(ctx), tuningTable),
  serving: async (ctx) => wrap(await benchServing(ctx), servingTable),
  explain: async (ctx) => wrap(await benchExplain(ctx), explainTable),
  store: async (ctx) => wrap(await benchStore(ctx), storeTable),
};

function wrap<T extends object>(result: T, render: (r: T) => string): { result: T; text: string } {
  return { result, text: render(result) };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const ctx0 = { options, prepared: new Map(), startedAt: performance.now() };
  process.stderr.write(
    `bench: ${options.sections.join(', ')}; sizes ${options.sizes.join(', ')}; backends ${options.backends.join(', ')}; data in ${options.dataDir}\n`,
  );
  const peers = options.peers
    ? await ensurePythonPeers()
    : ({ available: false, reason: 'skipped (--no-peers / BENCH_PEERS=0)' } as const);
  const ctx: BenchContext = { ...ctx0, peers };
  if (!peers.available) progress(ctx, `Python peers unavailable: ${peers.reason}`);
  if (['orchestration', 'tuning', 'store'].some((s) => options.sections.includes(s as Section))) {
    spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-temporal.sh')], { stdio: 'inherit' });
  }
  if (options.sections.includes('store')) {
    // moto_server, the S3-compatible server the store section runs against (npm test installs the same pin).
    spawnSync('bash', [path.join(ROOT, 'scripts', 'ensure-venv-tool.sh'), 'moto', MOTO_REQUIREMENT], {
      stdio: 'inherit',
    });
  }

  const results: SectionResults = {};
  const texts: string[] = [];
  const load: Partial<Record<Section, number[]>> = {};
  for (const section of options.sections) {
    const before = os.loadavg()[0]!;
    const { result, text } = await SECTION_RUNNERS[section](ctx);
    (results as Record<Section, object>)[section] = result;
    load[section] = [before, os.loadavg()[0]!];
    texts.push(text);
    process.stdout.write(`\n${text}\n`);
  }
  const targets = checkTargets(results);
  if (targets.length > 0) process.stdout.write(`\n${targetsTable(targets)}\n`);
  const totalMs = performance.now() - ctx.startedAt;
  const info = machine();
  const summary = [
    `${info.cpus} × ${info.cpuModel}, ${info.memoryGiB} GiB, ${info.os}, Node ${info.node}`,
    peers.available
      ? `peers: ${Object.entries(peers.versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`
      : `peers unavailable: ${peers.reason}`,
    `load average (1 min) before/after each section: ${Object.entries(load)
      .map(([s, [a, b]]) => `${s} ${a!.toFixed(1)}/${b!.toFixed(1)}`)
      .join(', ')}`,
    `bench took ${(totalMs / 60_000).toFixed(1)} min`,
  ].join('\n');
  process.stdout.write(`\n${summary}\n`);

  mkdirSync(path.dirname(options.output), { recursive: true });
  const json = {
    at: new Date().toISOString(),
    machine: info,
    options,
    peers,
    loadAverage: load,
    totalMs,
    targets,
    results,
  };
  writeFileSync(options.output, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`written ${path.relative(process.cwd(), options.output)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
