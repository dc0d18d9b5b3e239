import {
  SHAP_TOLERANCE,
  loadExplainFixture,
  loadExplainReference,
  staleFixtureFiles,
  type ExplainFixture,
} from '../../test/reference/explain/explain-reference';
import { initTensorflowBackend } from '../model';
import { createExplainer } from './explainer';
import { EXPLAINED_COLUMNS } from './explained-columns';

// Exact attributions against shap 0.51's KernelExplainer with full enumeration
// (nsamples = 2^14, l1_reg=False) on the same model and background, computed by
// test/reference/explain/explain_reference.py with the model's forward pass
// rebuilt in numpy from its saved files.
describe('exact attributions against shap KernelExplainer', () => {
  const reference = loadExplainReference();
  let fixture: ExplainFixture;

  beforeAll(async () => {
    await initTensorflowBackend();
    fixture = await loadExplainFixture();
  });
  afterAll(() => fixture.model.dispose());

  it('uses the fixture the reference was computed on, by shap 0.51 with full enumeration', () => {
    expect(staleFixtureFiles(reference)).toEqual([]);
    expect(reference.versions.shap).toBe('0.51.0');
    expect(reference.shap.columns).toEqual(EXPLAINED_COLUMNS);
    expect(reference.forwardPass.maxAbsDiffVsTfjs).toBeLessThanOrEqual(1e-6);
    for (const row of reference.shap.rows) expect(row.coalitions).toBe(2 ** row.varyingColumns - 2);
    expect(reference.shap.rows).toHaveLength(fixture.explained.numRows());
  });

  it('gives shap exact values, base value and prediction within 1e-4 for every explained row', () => {
    const explainer = createExplainer(fixture.predict, fixture.state, fixture.background);
    let worst = 0;
    for (const expected of reference.shap.rows) {
      const explanation = explainer.explain(fixture.explained, expected.row, { method: 'exact' });
      expect(Math.abs(explanation.baseValue - expected.expectedValue)).toBeLessThan(SHAP_TOLERANCE);
      expect(Math.abs(explanation.prediction - expected.prediction)).toBeLessThan(SHAP_TOLERANCE);
      explanation.attributions.forEach((value, j) => {
        const gap = Math.abs(value - expected.values[j]!);
        worst = Math.max(worst, gap);
        if (gap >= SHAP_TOLERANCE) {
          throw new Error(
            `row ${expected.row}, ${EXPLAINED_COLUMNS[j]}: got ${value}, shap gives ${expected.values[j]} (tolerance ${SHAP_TOLERANCE})`,
          );
        }
      });
    }
    // float32 model vs float64 numpy on the same weights: far below the tolerance.
    expect(worst).toBeLessThan(1e-5);
  });
});
