/**
 * Explanations (issue #17): time per explanation of one pair — 14 raw
 * columns, 50-row background — with the project's sampled estimate and exact
 * Shapley values, beside shap 0.51's KernelExplainer on the same model, rows
 * and background (sampled with the same model-row budget; exact = full
 * enumeration). Our side runs in a fresh Node process; shap in the shap venv
 * that the reference tests use (.tools/shap, installed here on demand by
 * scripts/ensure-venv-tool.sh, as scripts/test.sh does).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runNodeStep, runPythonStep, type StepOutcome } from '../lib/child';
import { progress, valueOf, type BenchContext } from '../lib/context';
import { Notes, fixed, millis, ratio, renderTable, section as titled } from '../lib/format';
import { divide, median } from '../lib/stats';
import type { ExplainResult } from '../steps/explain';

/** Timed sampled explanations (the p50/p95 are over these). */
export const EXPLAIN_PAIRS = 50;
/** Untimed sampled explanations first. */
export const EXPLAIN_WARM_UP = 5;
/** Timed exact explanations on our side (≈ 0.8M model rows each). */
export const EXPLAIN_EXACT_PAIRS = 5;
/** Timed sampled explanations on shap's side. */
export const SHAP_SAMPLED_PAIRS = 20;
/** Timed exact explanations on shap's side (tens of seconds each). */
export const SHAP_EXACT_PAIRS = 2;
/** shap's nsamples for the sampled run: 256 coalitions × 50 background rows = our default's 12,800 model rows. */
export const SHAP_NSAMPLES = 256;
/** The shap pin of test/reference/explain (scripts/test.sh installs the same). */
const SHAP_REQUIREMENT = 'shap==0.51.0';

/** What the shap peer prints. */
export interface ShapResult {
  readonly shap: string;
  readonly numpy: string;
  readonly backgroundRows: number;
  readonly nsamples: number;
  readonly sampledMs: readonly number[];
  readonly exactMs: readonly number[];
  readonly exactCoalitions: number | null;
}

/** Times of one way of explaining. */
export interface ExplainTimes {
  readonly explainer: string;
  readonly count: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly maxMs?: number;
  readonly modelRows?: number;
  readonly error?: string;
}

/** The explanation section's results. */
export interface ExplainSection {
  readonly ours: StepOutcome<ExplainResult>;
  readonly shap: StepOutcome<ShapResult>;
  readonly rows: readonly ExplainTimes[];
}

const ROOT = path.resolve(__dirname, '../..');

/** The q-quantile (nearest rank) of `values`, or undefined when empty. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function times(
  explainer: string,
  ms: readonly number[] | undefined,
  modelRows?: number,
  error?: string,
): ExplainTimes {
  const values = ms ?? [];
  return {
    explainer,
    count: values.length,
    p50Ms: quantile(values, 0.5),
    p95Ms: quantile(values, 0.95),
    maxMs: quantile(values, 1),
    modelRows,
    error: values.length === 0 ? (error ?? 'not run') : undefined,
  };
}

/** Installs the shap venv if needed; its interpreter, or why there is none. */
function shapPython(): { python?: string; error?: string } {
  const install = spawnSync(
    'bash',
    [path.join(ROOT, 'scripts', 'ensure-venv-tool.sh'), 'shap', SHAP_REQUIREMENT],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] },
  );
  if (install.status !== 0) {
    const reason = install.stderr.trim().split('\n').pop() ?? `exited with ${install.status}`;
    return { error: `scripts/ensure-venv-tool.sh shap failed: ${reason}` };
  }
  return { python: path.join(ROOT, '.tools', 'shap', 'bin', 'python') };
}

/** Runs the section. */
export async function benchExplain(ctx: BenchContext): Promise<ExplainSection> {
  progress(ctx, `explain: ours, ${EXPLAIN_PAIRS} sampled + ${EXPLAIN_EXACT_PAIRS} exact explanations`);
  const ours = await runNodeStep<ExplainResult>('explain', {
    pairs: EXPLAIN_PAIRS,
    warmUp: EXPLAIN_WARM_UP,
    exactPairs: EXPLAIN_EXACT_PAIRS,
  });
  let shap: StepOutcome<ShapResult>;
  if (!ctx.options.peers) {
    shap = { ok: false, error: 'skipped (--no-peers / BENCH_PEERS=0)', wallMs: 0 };
  } else {
    const { python, error } = shapPython();
    progress(ctx, `explain: shap KernelExplainer, ${SHAP_SAMPLED_PAIRS} sampled + ${SHAP_EXACT_PAIRS} exact`);
    shap =
      python === undefined
        ? { ok: false, error: error!, wallMs: 0 }
        : await runPythonStep<ShapResult>(python, 'explain_shap', {
            pairs: SHAP_SAMPLED_PAIRS,
            warmUp: 2,
            exactPairs: SHAP_EXACT_PAIRS,
            nsamples: SHAP_NSAMPLES,
          });
  }
  const o = valueOf(ours);
  const s = valueOf(shap);
  const oursError = ours.ok ? undefined : ours.error;
  const shapError = shap.ok ? undefined : shap.error;
  const bg = o?.backgroundRows ?? 50;
  return {
    ours,
    shap,
    rows: [
      times(
        `ours sampled (${o?.samples ?? 256} coalitions per background row)`,
        o?.sampledMs,
        o?.sampledModelRows,
        oursError,
      ),
      times(`shap KernelExplainer nsamples=${SHAP_NSAMPLES}`, s?.sampledMs, SHAP_NSAMPLES * bg, shapError),
      times('ours exact (all 2^14 coalitions)', o?.exactMs, o?.exactModelRows, oursError),
      times(
        'shap KernelExplainer nsamples=2^14 (full enumeration)',
        s?.exactMs,
        (2 ** 14 - 2) * bg,
        shapError,
      ),
    ],
  };
}

/** The two targets (higher is better; met at ≥ threshold). */
export function explainTargets(
  s: ExplainSection,
): { name: string; measured: string; value?: number; threshold: number }[] {
  const oursSampled = s.rows[0];
  return [
    {
      name: 'sampled explanation p95 ≤ 100 ms',
      measured: `100 ms ÷ our sampled p95 (${oursSampled?.count ?? 0} pairs, 50-row background)`,
      value: divide(100, oursSampled?.p95Ms),
      threshold: 1,
    },
    {
      name: "exact explanation ≥ 5× faster than shap's exact",
      measured: 'shap KernelExplainer (2^14, full enumeration) median ÷ our exact median',
      value: divide(median(valueOf(s.shap)?.exactMs ?? []), median(valueOf(s.ours)?.exactMs ?? [])),
      threshold: 5,
    },
  ];
}

/** The section as text. */
export function explainTable(s: ExplainSection): string {
  const notes = new Notes();
  const rows = s.rows.map((r) =>
    r.error !== undefined
      ? [r.explainer, notes.mark(r.error)]
      : [
          r.explainer,
          String(r.count),
          millis(r.p50Ms),
          millis(r.p95Ms),
          millis(r.maxMs),
          Math.round(r.modelRows ?? 0).toLocaleString('en-US'),
        ],
  );
  const o = valueOf(s.ours);
  const sh = valueOf(s.shap);
  const exactRatio = divide(median(sh?.exactMs ?? []), median(o?.exactMs ?? []));
  const sampledRatio = divide(median(sh?.sampledMs ?? []), median(o?.sampledMs ?? []));
  const lines = [
    `backend ${o?.backend ?? '—'} (threads ${o?.threads ?? '—'}); shap ${sh?.shap ?? '—'}, numpy ${sh?.numpy ?? '—'}`,
    `shap ÷ ours (medians): sampled ${ratio(sampledRatio)}, exact ${ratio(exactRatio)}; ` +
      `max |sampled − exact| attribution on ${o?.exactMs.length ?? 0} pairs: ${fixed(o?.maxAbsErrorVsExact, 4)}`,
  ];
  return titled(
    'Explanations: one pair, 14 raw columns, 50-row background (fixture model of test/reference/explain; times per explanation)\n' +
      lines.join('\n'),
    renderTable(['explainer', 'pairs', 'p50', 'p95', 'max', 'model rows'], rows),
    notes,
  );
}
