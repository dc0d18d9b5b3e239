import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { loadExplainFixture, type ExplainFixture } from '../../test/reference/explain/explain-reference';
import { transformRows } from '../features/transform-rows';
import { initTensorflowBackend, predictProbabilities } from '../model';
import { createExplainer } from './explainer';
import { EXPLAINED_COLUMNS } from './explained-columns';
import { shapleyWeights } from './shapley-weights';

let fixture: ExplainFixture;
beforeAll(async () => {
  await initTensorflowBackend();
  fixture = await loadExplainFixture();
});
afterAll(() => fixture.model.dispose());

const M = EXPLAINED_COLUMNS.length;

/**
 * The textbook computation: every one of the 2^14 coalitions, every background
 * row, the hybrid RAW row built cell by cell and encoded from scratch, then
 * φᵢ = Σ_S |S|!(M−|S|−1)!/M! (v(S∪i) − v(S)). Nothing shared with the code under test
 * but the model and its preprocessor.
 */
function bruteForce(table: ColumnTable, row: number, background: ColumnTable): number[] {
  const B = background.numRows();
  const coalitions = 1 << M;
  const columns: Record<string, unknown[]> = {};
  EXPLAINED_COLUMNS.forEach((name, j) => {
    const mine = table.get(name, row) as unknown;
    const theirs = background.array(name) as ArrayLike<unknown>;
    const cells = new Array<unknown>(coalitions * B);
    for (let s = 0; s < coalitions; s++)
      for (let b = 0; b < B; b++) cells[s * B + b] = s & (1 << j) ? mine : theirs[b];
    columns[name] = cells;
  });
  const hybrid = aq.table(columns);
  const all = Int32Array.from({ length: coalitions * B }, (_, i) => i);
  const p = predictProbabilities(fixture.model, transformRows(fixture.state, hybrid, all));
  const v = new Float64Array(coalitions);
  for (let s = 0; s < coalitions; s++) for (let b = 0; b < B; b++) v[s]! += p[s * B + b]! / B;
  const weights = shapleyWeights(M);
  const size = (s: number) => s.toString(2).replaceAll('0', '').length;
  return EXPLAINED_COLUMNS.map((_, i) => {
    let phi = 0;
    for (let s = 0; s < coalitions; s++)
      if (!(s & (1 << i))) phi += weights[size(s)]! * (v[s | (1 << i)]! - v[s]!);
    return phi;
  });
}

describe('exact Shapley values', () => {
  it('equal the textbook enumeration of all 2^14 coalitions over raw hybrid rows', () => {
    const background = fixture.background.slice(0, 3);
    const explainer = createExplainer(fixture.predict, fixture.state, background);
    for (const row of [0, 4]) {
      const expected = bruteForce(fixture.explained, row, background);
      const actual = explainer.explain(fixture.explained, row).attributions;
      // Same float32 predictions summed in another order: agreement to float64 rounding of float32 values.
      actual.forEach((value, j) => expect(Math.abs(value - expected[j]!)).toBeLessThan(1e-7));
    }
  });

  it('add up: base value + attributions = the prediction the model makes for the row (1e-5)', () => {
    const explainer = createExplainer(fixture.predict, fixture.state, fixture.background);
    const all = Int32Array.from({ length: fixture.explained.numRows() }, (_, i) => i);
    const direct = predictProbabilities(fixture.model, transformRows(fixture.state, fixture.explained, all));
    const background = predictProbabilities(
      fixture.model,
      transformRows(
        fixture.state,
        fixture.background,
        Int32Array.from({ length: fixture.background.numRows() }, (_, i) => i),
      ),
    );
    const mean = background.reduce((a, b) => a + b, 0) / background.length;
    for (const row of [1, 5]) {
      const e = explainer.explain(fixture.explained, row);
      const total = e.baseValue + e.attributions.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - e.prediction)).toBeLessThan(1e-5);
      expect(Math.abs(e.prediction - direct[row]!)).toBeLessThan(1e-6);
      expect(Math.abs(e.baseValue - mean)).toBeLessThan(1e-6);
      expect(e.method).toBe('exact');
      expect(e.columns).toEqual(EXPLAINED_COLUMNS);
    }
  });

  it('give 0 to a column the background shares with the row, and are deterministic', () => {
    const rate = fixture.explained.get('lawyer_rating', 2) as number;
    const background = fixture.background.derive({ lawyer_rating: aq.escape(() => rate) });
    const explainer = createExplainer(fixture.predict, fixture.state, background.slice(0, 10));
    const first = explainer.explain(fixture.explained, 2);
    expect(first.attributions[EXPLAINED_COLUMNS.indexOf('lawyer_rating')]).toBe(0);
    expect(explainer.explain(fixture.explained, 2)).toEqual(first);
  });
});
