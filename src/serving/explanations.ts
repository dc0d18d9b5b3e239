/**
 * Explanations on the rank route (`"explain": true`): per ranked lawyer, the
 * columns that moved the match probability most, signed, and a one-line
 * reason. Attributions are the seeded sampled estimate (src/explain) against a
 * background of the serving version's own training rows, read once per
 * version from its training snapshot and kept.
 *
 * Budgeted: the time of one explanation is measured per version when its
 * background is first loaded, and a request whose rows would take longer than
 * the budget is refused with a 400 before anything is scored; a request that
 * runs over the budget anyway (a loaded machine) is refused too.
 */
import type { ColumnTable } from 'arquero';
import {
  ExplainMethod,
  createExplainer,
  reasonLine,
  topContributions,
  type Contribution,
  type ExplainOptions,
  type ModelExplainer,
  type RawRow,
} from '../explain';
import { loadVersionBackground } from '../pipeline/version-explainer';
import type { ModelRegistry } from '../registry';
import { ServingError, ServingProblem } from './errors';
import type { LoadedVersion } from './models/loaded-version';

/** The fast path: the sampled estimate at its default coalitions, seeded (same request, same numbers). */
const SERVING_EXPLAIN_OPTIONS: ExplainOptions = { method: ExplainMethod.Sampled };

/** One ranked lawyer's explanation, as the rank route returns it. */
export interface LawyerExplanation {
  /** Mean probability over the background: the model knowing nothing about the pair. */
  readonly base_value: number;
  readonly method: ExplainMethod;
  /** The columns with the largest |attribution|, largest first. */
  readonly top: readonly Contribution[];
  /** "same language as the client, +0.12; 3 km away, +0.05; caseload 31, −0.08" */
  readonly reason: string;
}

interface VersionBackground {
  readonly table: ColumnTable;
  /** Milliseconds one explanation took when measured. */
  readonly msPerRow: number;
}

/** Settings of {@link ServingExplanations}. */
export interface ServingExplanationsOptions {
  readonly registry: ModelRegistry;
  /** Where the training snapshots (the backgrounds) are. */
  readonly snapshotsDir: string;
  readonly budgetMs: number;
  /** @default 3 */
  readonly top?: number;
}

/** Backgrounds per version and the budgeted explanation of ranked rows. */
export class ServingExplanations {
  private readonly backgrounds = new Map<string, Promise<VersionBackground>>();

  constructor(private readonly options: ServingExplanationsOptions) {}

  get budgetMs(): number {
    return this.options.budgetMs;
  }

  private background(loaded: LoadedVersion): Promise<VersionBackground> {
    const version = loaded.version;
    let pending = this.backgrounds.get(version);
    if (pending === undefined) {
      pending = (async () => {
        const { table } = await loadVersionBackground(
          this.options.registry,
          this.options.snapshotsDir,
          version,
        );
        // One explanation of a background row to warm up (the first forward passes of a
        // chunk size are slow), then one timed: what each requested row will cost.
        const explainer = this.explainer(loaded, table);
        explainer.explain(table, 0, SERVING_EXPLAIN_OPTIONS);
        const started = performance.now();
        explainer.explain(table, Math.min(1, table.numRows() - 1), SERVING_EXPLAIN_OPTIONS);
        return { table, msPerRow: performance.now() - started };
      })();
      this.backgrounds.set(version, pending);
      // A failure is not kept: the snapshot may be restored.
      pending.catch(() => this.backgrounds.delete(version));
      if (this.backgrounds.size > 16) this.backgrounds.delete(this.backgrounds.keys().next().value!);
    }
    return pending.catch(() => {
      throw new ServingError(
        503,
        ServingProblem.VersionUnavailable,
        `explanations of model version "${version}" are unavailable: its training rows (the background) cannot be read on this server`,
      );
    });
  }

  private explainer(loaded: LoadedVersion, background: ColumnTable): ModelExplainer {
    const { scorer } = loaded;
    return createExplainer((m) => scorer.predict(m), scorer.preprocessor, background);
  }

  /**
   * Refuses, before scoring, a request whose `count` explanations would take
   * longer than the budget with `loaded` (production: the likely answer).
   *
   * @throws ServingError 400 EXPLAIN_OVER_BUDGET; 503 when the background cannot be read
   */
  async checkBudget(loaded: LoadedVersion, count: number): Promise<void> {
    const { msPerRow } = await this.background(loaded);
    const estimate = msPerRow * count;
    if (estimate > this.options.budgetMs) this.refuse(count, estimate);
  }

  private refuse(count: number, ms: number): never {
    throw new ServingError(
      400,
      ServingProblem.ExplainOverBudget,
      `explaining ${count} lawyers would take about ${Math.ceil(ms)} ms, over this server's budget of ` +
        `${this.options.budgetMs} ms (SERVING_EXPLAIN_BUDGET_MS); ask for fewer with "top_k"`,
    );
  }

  /**
   * Explains rows `indices` of `table` (the request's decoded rows) with the
   * version that scored them, within the budget.
   *
   * @throws ServingError 400 EXPLAIN_OVER_BUDGET when the budget runs out
   */
  async explainRows(
    loaded: LoadedVersion,
    table: ColumnTable,
    indices: readonly number[],
  ): Promise<LawyerExplanation[]> {
    const started = performance.now();
    const { table: background } = await this.background(loaded);
    const explainer = this.explainer(loaded, background);
    const out: LawyerExplanation[] = [];
    for (const index of indices) {
      const explanation = explainer.explain(table, index, SERVING_EXPLAIN_OPTIONS);
      const top = topContributions(explanation, table.object(index) as RawRow, this.options.top ?? 3);
      out.push({
        base_value: explanation.baseValue,
        method: explanation.method,
        top,
        reason: reasonLine(top),
      });
      const elapsed = performance.now() - started;
      if (elapsed > this.options.budgetMs)
        this.refuse(indices.length, (elapsed / out.length) * indices.length);
    }
    return out;
  }
}
