import {
  loadExplainFixture,
  loadExplainReference,
  type ExplainFixture,
} from '../../test/reference/explain/explain-reference';
import { initTensorflowBackend } from '../model';
import { ExplainInputError } from './errors';
import { EXPLAINED_COLUMNS } from './explained-columns';
import { permutationImportance } from './permutation-importance';

// Against sklearn.inspection.permutation_importance(scoring="roc_auc", n_repeats=5,
// random_state=0) on the same model and 600 held-out rows
// (test/reference/explain/explain_reference.py). numpy's generator is not ours, so
// the reference exports the permutations sklearn applied, and the script checks
// that they reproduce sklearn's numbers exactly before writing them.
describe('permutation importance against scikit-learn', () => {
  const reference = loadExplainReference().permutationImportance;
  let fixture: ExplainFixture;

  beforeAll(async () => {
    await initTensorflowBackend();
    fixture = await loadExplainFixture();
  });
  afterAll(() => fixture.model.dispose());

  it('gives scikit-learn’s baseline, importances, means and standard deviations on the same permutations', () => {
    const result = permutationImportance(fixture.predict, fixture.state, fixture.heldOut, {
      permutations: reference.permutations,
    });
    // The model runs in float32 here and in float64 in the reference (predictions agree to
    // ~1e-7): ROC AUC can only move if two scores of opposite labels swap order, which
    // would shift it by 1/(positives × negatives) ≈ 1e-5. None does on these rows: the
    // numbers agree to rounding.
    const tolerance = 1e-12;
    expect(result.columns).toEqual(reference.columns);
    expect(Math.abs(result.baselineScore - reference.baselineScore)).toBeLessThan(tolerance);
    result.importances.forEach((row, j) =>
      row.forEach((value, r) =>
        expect(Math.abs(value - reference.importances[j]![r]!)).toBeLessThan(tolerance),
      ),
    );
    result.importancesMean.forEach((v, j) =>
      expect(Math.abs(v - reference.importancesMean[j]!)).toBeLessThan(tolerance),
    );
    result.importancesStd.forEach((v, j) =>
      expect(Math.abs(v - reference.importancesStd[j]!)).toBeLessThan(tolerance),
    );
  });

  it('draws its own seeded permutations: repeatable, and close to scikit-learn’s numbers from other draws', () => {
    const once = permutationImportance(fixture.predict, fixture.state, fixture.heldOut, {
      seed: 3,
      nRepeats: 5,
    });
    expect(
      permutationImportance(fixture.predict, fixture.state, fixture.heldOut, { seed: 3, nRepeats: 5 }),
    ).toEqual(once);
    expect(once.importances.every((row) => row.length === 5)).toBe(true);
    // Other permutations, same quantity: the repeats' spread here is at most 0.012.
    once.importancesMean.forEach((v, j) =>
      expect(Math.abs(v - reference.importancesMean[j]!)).toBeLessThan(0.03),
    );
    const topTwo = (mean: readonly number[]) =>
      new Set(
        [...EXPLAINED_COLUMNS]
          .sort((a, b) => mean[EXPLAINED_COLUMNS.indexOf(b)]! - mean[EXPLAINED_COLUMNS.indexOf(a)]!)
          .slice(0, 2),
      );
    expect(topTwo(once.importancesMean)).toEqual(topTwo(reference.importancesMean));
  });

  it('refuses rows of one class, a missing label and a malformed permutation', () => {
    const negatives = fixture.heldOut.filter((d: { match_success: number }) => d.match_success === 0).reify();
    expect(() => permutationImportance(fixture.predict, fixture.state, negatives)).toThrow(
      /match_success: the \d+ rows hold one class only: ROC AUC is undefined/,
    );
    expect(() =>
      permutationImportance(
        fixture.predict,
        fixture.state,
        fixture.heldOut.select(EXPLAINED_COLUMNS as string[]),
      ),
    ).toThrow('match_success: permutation importance needs the label column');
    expect(() =>
      permutationImportance(fixture.predict, fixture.state, fixture.heldOut, { permutations: [[0, 0, 1]] }),
    ).toThrow(new ExplainInputError('permutations.0', 'has 3 entries for 600 rows'));
  });
});
