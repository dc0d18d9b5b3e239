import { loadExplainFixture, type ExplainFixture } from '../../test/reference/explain/explain-reference';
import { initTensorflowBackend } from '../model';
import { EXPLAINED_COLUMNS } from './explained-columns';
import { globalImportance, type GlobalImportance } from './global-importance';
import { importanceMovers } from './importance-movers';
import { permutationImportance } from './permutation-importance';

let fixture: ExplainFixture;
beforeAll(async () => {
  await initTensorflowBackend();
  fixture = await loadExplainFixture();
});
afterAll(() => fixture.model.dispose());

describe('globalImportance', () => {
  it('reports permutation importance and the mean |attribution| of a seeded sample of rows', () => {
    const options = { permutation: { nRepeats: 2, seed: 4 }, attributionRows: 4, attributionSeed: 2 };
    const result = globalImportance(
      fixture.predict,
      fixture.state,
      fixture.heldOut,
      fixture.background,
      options,
    );
    const permutation = permutationImportance(
      fixture.predict,
      fixture.state,
      fixture.heldOut,
      options.permutation,
    );
    expect(result.columns).toEqual(EXPLAINED_COLUMNS);
    expect(result.permutation.mean).toEqual(permutation.importancesMean);
    expect(result.permutation.std).toEqual(permutation.importancesStd);
    expect(result.permutation).toMatchObject({ rowCount: 600, nRepeats: 2, seed: 4, scoring: 'roc_auc' });
    expect(result.meanAbsAttribution).toMatchObject({ rowCount: 4, method: 'sampled' });
    expect(result.meanAbsAttribution.values.every((v) => v >= 0)).toBe(true);
    // The same rows explained exactly: the sampled means are within the estimate's error.
    const exact = globalImportance(fixture.predict, fixture.state, fixture.heldOut, fixture.background, {
      ...options,
      explain: { method: 'exact' },
    });
    result.meanAbsAttribution.values.forEach((v, j) =>
      expect(Math.abs(v - exact.meanAbsAttribution.values[j]!)).toBeLessThan(0.01),
    );
    // Seeded: the same rows, the same numbers.
    expect(
      globalImportance(fixture.predict, fixture.state, fixture.heldOut, fixture.background, options),
    ).toEqual(result);
    expect(exact.meanAbsAttribution.values.some((v) => v > 0.01)).toBe(true);
  });

  it('refuses a row count that is not a positive integer', () => {
    expect(() =>
      globalImportance(fixture.predict, fixture.state, fixture.heldOut, fixture.background, {
        attributionRows: 0,
      }),
    ).toThrow('attributionRows: must be a positive integer, got 0');
  });
});

describe('importanceMovers', () => {
  const importance = (permutation: number[], attribution: number[]): GlobalImportance => ({
    columns: EXPLAINED_COLUMNS,
    permutation: {
      scoring: 'roc_auc',
      rowCount: 10,
      nRepeats: 1,
      seed: 0,
      baselineScore: 0.8,
      mean: permutation,
      std: [],
    },
    meanAbsAttribution: { rowCount: 5, method: 'sampled', values: attribution },
  });
  const zeros = () => EXPLAINED_COLUMNS.map(() => 0);

  it('lists the columns whose permutation importance changed most, with both models’ numbers', () => {
    const candidate = zeros();
    candidate[3] = 0.05;
    candidate[9] = -0.08;
    candidate[1] = 0.01;
    const attributionC = zeros();
    attributionC[9] = 0.02;
    const movers = importanceMovers(importance(candidate, attributionC), importance(zeros(), zeros()), 2);
    expect(movers.map((m) => m.column)).toEqual(['lawyer_caseload', 'client_language']);
    expect(movers[0]).toEqual({
      column: 'lawyer_caseload',
      permutation: { candidate: -0.08, production: 0, change: -0.08 },
      meanAbsAttribution: { candidate: 0.02, production: 0, change: 0.02 },
    });
  });
});
