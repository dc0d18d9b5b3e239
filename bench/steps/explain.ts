/**
 * Step: time per explanation of one pair — 14 raw columns against a 50-row
 * background — with the project's explainer (src/explain) on the fixture model
 * that the shap reference test uses (test/reference/explain/fixture), on the
 * backend chosen as in serving (`initTensorflowBackend`, TFJS_BACKEND forces one).
 * Sampled estimates (seeded KernelSHAP, the default coalitions, as serving
 * answers with) are timed one by one over `pairs` held-out rows after
 * `warmUp` untimed ones; exact Shapley values over `exactPairs` rows after one
 * untimed exact explanation.
 */
import { initTensorflowBackend } from '../../src/model/backend';
import {
  createExplainer,
  DEFAULT_SAMPLED_COALITIONS,
  EXPLAINED_COLUMNS,
  ExplainMethod,
} from '../../src/explain';
import { loadExplainFixture } from '../../test/reference/explain/explain-reference';
import { runStep } from '../lib/step-io';
import { backendThreads } from '../lib/tf-threads';

/** Arguments of the step. */
export interface ExplainArgs {
  /** Timed sampled explanations (held-out rows 0 … pairs − 1). */
  readonly pairs: number;
  /** Untimed sampled explanations first (rows from the end of the held-out set). */
  readonly warmUp: number;
  /** Timed exact explanations (held-out rows 0 … exactPairs − 1). */
  readonly exactPairs: number;
}

/** What the step prints. */
export interface ExplainResult {
  readonly backend: string;
  readonly threads: number | null;
  readonly backgroundRows: number;
  readonly columns: number;
  /** Coalitions per background row of the sampled estimate. */
  readonly samples: number;
  /** Milliseconds of each timed sampled explanation, in row order. */
  readonly sampledMs: readonly number[];
  /** Model rows scored per sampled explanation (mean). */
  readonly sampledModelRows: number;
  /** Milliseconds of each timed exact explanation. */
  readonly exactMs: readonly number[];
  readonly exactModelRows: number;
  /** Largest |sampled − exact| attribution over the rows explained both ways. */
  readonly maxAbsErrorVsExact: number;
}

runStep<ExplainArgs, ExplainResult>(async ({ pairs, warmUp, exactPairs }) => {
  const backend = await initTensorflowBackend();
  const fixture = await loadExplainFixture();
  const rows = fixture.heldOut.numRows();
  if (pairs + warmUp > rows || exactPairs > pairs) {
    throw new Error(`the fixture has ${rows} held-out rows: pairs ${pairs} + warm-up ${warmUp} do not fit`);
  }
  const explainer = createExplainer(fixture.predict, fixture.state, fixture.background);
  const sampled = { method: ExplainMethod.Sampled } as const;
  for (let i = 0; i < warmUp; i++) explainer.explain(fixture.heldOut, rows - 1 - i, sampled);
  const sampledMs: number[] = [];
  const sampledAttributions: (readonly number[])[] = [];
  let sampledModelRows = 0;
  for (let row = 0; row < pairs; row++) {
    const t0 = performance.now();
    const e = explainer.explain(fixture.heldOut, row, sampled);
    sampledMs.push(performance.now() - t0);
    sampledAttributions.push(e.attributions);
    sampledModelRows += e.modelRows;
  }
  const exact = { method: ExplainMethod.Exact } as const;
  explainer.explain(fixture.heldOut, rows - 1, exact);
  const exactMs: number[] = [];
  let exactModelRows = 0;
  let maxAbsErrorVsExact = 0;
  for (let row = 0; row < exactPairs; row++) {
    const t0 = performance.now();
    const e = explainer.explain(fixture.heldOut, row, exact);
    exactMs.push(performance.now() - t0);
    exactModelRows += e.modelRows;
    e.attributions.forEach((v, j) => {
      maxAbsErrorVsExact = Math.max(maxAbsErrorVsExact, Math.abs(v - sampledAttributions[row]![j]!));
    });
  }
  fixture.model.dispose();
  return {
    backend,
    threads: await backendThreads(backend),
    backgroundRows: explainer.backgroundSize,
    columns: EXPLAINED_COLUMNS.length,
    samples: DEFAULT_SAMPLED_COALITIONS,
    sampledMs,
    sampledModelRows: sampledModelRows / Math.max(1, pairs),
    exactMs,
    exactModelRows: exactModelRows / Math.max(1, exactPairs),
    maxAbsErrorVsExact,
  };
});
