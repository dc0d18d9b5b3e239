/**
 * Batch scoring throughput: the production architecture's forward pass over the
 * largest prepared training matrix, per tfjs backend and with Keras.
 */
import { runNodeStep, type StepOutcome } from '../lib/child';
import { prepareSize, progress, runPeer, valueOf, type BenchContext } from '../lib/context';
import { Notes, mib, rate, ratio, renderTable, section as titled, seconds } from '../lib/format';
import { matrixDir } from '../lib/matrix-files';
import type { SizeName } from '../lib/options';
import { divide } from '../lib/stats';
import type { ScoreResult } from '../steps/score';

/** One scoring run. */
export interface ScoringRun {
  readonly scorer: string;
  readonly outcome: StepOutcome<ScoreResult>;
}

/** The scoring section's results. */
export interface ScoringSection {
  readonly size: SizeName;
  readonly runs: readonly ScoringRun[];
}

/** Runs the section on the largest selected size. */
export async function benchScoring(ctx: BenchContext): Promise<ScoringSection> {
  const size = ctx.options.sizes[ctx.options.sizes.length - 1]!;
  const prepared = await prepareSize(ctx, size);
  const matrix = { matrixDir: matrixDir(ctx.options.dataDir, size) };
  const scorers = ctx.options.backends.map((b) => `tfjs ${b}`);
  scorers.splice(Math.max(scorers.indexOf('tfjs wasm'), 0) + 1, 0, 'Keras');
  const runs: ScoringRun[] = [];
  for (const scorer of scorers) {
    progress(ctx, `score ${size} training matrix: ${scorer}`);
    let outcome: StepOutcome<ScoreResult>;
    if (!prepared.ok) outcome = { ok: false, error: `preparation failed: ${prepared.error}`, wallMs: 0 };
    else if (scorer === 'Keras') outcome = await runPeer<ScoreResult>(ctx, 'score_keras', matrix);
    else
      outcome = await runNodeStep<ScoreResult>('score', matrix, { env: { TFJS_BACKEND: scorer.slice(5) } });
    runs.push({ scorer, outcome });
  }
  return { size, runs };
}

/** The section as text. */
export function scoringTable(section: ScoringSection): string {
  const notes = new Notes();
  const keras = valueOf(section.runs.find((r) => r.scorer === 'Keras')?.outcome);
  const rows = section.runs.map(({ scorer, outcome }) => {
    const v = valueOf(outcome);
    if (!v) return [scorer, notes.mark(outcome.ok ? '' : outcome.error)];
    return [
      scorer,
      String(v.threads ?? '—'),
      v.rows.toLocaleString('en-US'),
      seconds(v.scoreMs),
      rate(v.rowsPerSecond),
      ratio(divide(v.rowsPerSecond, keras?.rowsPerSecond)),
      mib(v.peakRssMb),
    ];
  });
  return titled(
    `Batch scoring: predicted probabilities for the ${section.size} dataset's training matrix, batches of 4096`,
    renderTable(['scorer', 'threads', 'rows', 'time', 'rows/s', '× Keras', 'peak RSS'], rows),
    notes,
  );
}
