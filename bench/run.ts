/**
 * `npm run bench`: runs each benchmark in a fresh process per tfjs backend,
 * prints a table and writes bench/results/latest.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface TrainSpeed {
  backend: string;
  rows: number;
  trainRows: number;
  features: number;
  loadMs: number;
  preprocessMs: number;
  trainMs: number;
  epochs: number;
  bestEpoch: number;
  samplesPerSecond: number;
  bestValRocAuc: number | null;
  peakRssMb: number;
}

/** Runs a bench script in a fresh process and parses the JSON line it prints. */
function runScript(script: string, env: Record<string, string>): Record<string, unknown> | { error: string } {
  try {
    const out = execFileSync(
      process.execPath,
      ['--require', require.resolve('tsx/cjs'), path.join(__dirname, script)],
      {
        env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 16 * 2 ** 20,
      },
    );
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  } catch (error) {
    const { stderr } = error as { stderr?: string | Buffer };
    const text = typeof stderr === 'string' ? stderr : (stderr?.toString('utf8') ?? '');
    const reason = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .pop();
    return { error: reason ?? (error as Error).message };
  }
}

function runTrainSpeed(backend: string): TrainSpeed | { backend: string; error: string } {
  const result = runScript('train-speed.ts', { TFJS_BACKEND: backend });
  return 'error' in result ? { backend, error: String(result.error) } : (result as unknown as TrainSpeed);
}

interface DriftSpeed {
  referenceRows: number;
  currentRows: number;
  columns: number;
  loadMs: number;
  driftMs: number;
  driftedColumns: number;
  peakRssMb: number;
}

function runDriftSpeed(): DriftSpeed | { error: string } {
  const result = runScript('drift-speed.ts', {});
  return 'error' in result ? { error: String(result.error) } : (result as unknown as DriftSpeed);
}

function main(): void {
  const results = ['tensorflow', 'wasm', 'cpu'].map(runTrainSpeed);
  console.log(
    'Retrain training on data/matchmaking_dataset.csv (production architecture, default parameters)\n',
  );
  console.log('backend     load ms  prep ms  train s  epochs  samples/s  best val AUC  peak RSS MB');
  for (const r of results) {
    if ('error' in r) {
      console.log(`${r.backend.padEnd(10)}  unavailable: ${r.error}`);
      continue;
    }
    console.log(
      [
        r.backend.padEnd(10),
        r.loadMs.toFixed(0).padStart(7),
        r.preprocessMs.toFixed(0).padStart(7),
        (r.trainMs / 1000).toFixed(1).padStart(7),
        String(r.epochs).padStart(6),
        r.samplesPerSecond.toFixed(0).padStart(9),
        (r.bestValRocAuc ?? NaN).toFixed(4).padStart(12),
        r.peakRssMb.toFixed(0).padStart(11),
      ].join('  '),
    );
  }
  const drift = runDriftSpeed();
  console.log(
    '\nDrift check: 100k-row reference vs 1M-row current, 15 columns (Evidently default methods)\n',
  );
  if ('error' in drift) console.log(`unavailable: ${drift.error}`);
  else {
    console.log(
      `load + validate both CSVs ${(drift.loadMs / 1000).toFixed(1)} s, drift statistics ${(drift.driftMs / 1000).toFixed(1)} s, ` +
        `peak RSS ${drift.peakRssMb.toFixed(0)} MB (${drift.driftedColumns} of ${drift.columns} columns drifted)`,
    );
  }
  const outDir = path.join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'latest.json');
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version }, trainSpeed: results, driftSpeed: drift }, null, 2)}\n`,
  );
  console.log(`\nwritten ${path.relative(process.cwd(), file)}`);
}

main();
