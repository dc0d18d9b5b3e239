import {
  expandSample,
  expectClose,
  expectPValueClose,
  loadDriftReference,
  type ColumnCase,
} from '../../test/reference/drift/drift-reference';
import { categoricalColumnDrift, columnDrift, numericColumnDrift } from './column-drift';
import { DriftInputError } from './errors';
import { isPValueMethod } from './method-selection';

// Expected verdicts: Evidently 0.7.23's own stat tests, chosen as `get_one_column_drift`
// chooses them (by default or by name) and run with the case's threshold.
const { columns } = loadDriftReference();

/** The error `fn` throws (the test fails if it does not throw). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function run(c: ColumnCase) {
  return columnDrift(c.name, c.type, expandSample(c.reference), expandSample(c.current), {
    method: c.method ?? undefined,
    threshold: c.threshold ?? undefined,
  });
}

describe('columnDrift against Evidently', () => {
  const comparable = columns.filter((c) => !Number.isNaN(c.expected.score));

  it.each(comparable.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = run(c);
    expect(result.method).toBe(c.expected.method);
    expect(result.threshold).toBe(c.expected.threshold);
    expect(result.drifted).toBe(c.expected.drifted);
    if (isPValueMethod(result.method)) expectPValueClose(result.score, c.expected.score, c.name);
    else expectClose(result.score, c.expected.score, c.name);
  });

  it('reports p = 1 and no drift where Evidently reports NaN and no drift (one category, chi-squared)', () => {
    const c = columns.find((x) => x.name === 'chisquare-single-category')!;
    expect(c.expected).toMatchObject({ drifted: false });
    expect(Number.isNaN(c.expected.score)).toBe(true);
    expect(run(c)).toMatchObject({ score: 1, drifted: false });
  });
});

describe('columnDrift summaries', () => {
  it('gives both sides of a numeric column the same bin edges', () => {
    const result = numericColumnDrift('age', [20, 30, 40, 50, 60, 70], [25, 35, 45, 90]);
    expect(result.referenceSummary.kind).toBe('histogram');
    if (result.referenceSummary.kind === 'histogram' && result.currentSummary.kind === 'histogram') {
      expect(result.referenceSummary.binEdges).toEqual(result.currentSummary.binEdges);
    }
  });

  it('counts a categorical column over the union of categories, a one-sided category at 0 on the other side', () => {
    const result = categoricalColumnDrift('region', ['north', 'north', 'south'], ['east', 'north']);
    expect(result.referenceSummary).toMatchObject({
      kind: 'categories',
      categories: ['north', 'east', 'south'],
      counts: [2, 0, 1],
    });
    expect(result.currentSummary).toMatchObject({
      categories: ['north', 'east', 'south'],
      counts: [1, 1, 0],
    });
  });

  it('is JSON-serialisable as is', () => {
    const result = numericColumnDrift('x', [1, 2, 3, 4, 5, 6, 7], [2, 3, 4, 5, 6, 7, 8]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('columnDrift input errors', () => {
  it('names the column and the side when a side has no usable value (all null)', () => {
    expect(() => numericColumnDrift('client_age', [1, 2], [NaN, null as unknown as number])).toThrow(
      "An empty column 'client_age' was provided for drift calculation in the current dataset (no non-null value in 2 rows)",
    );
    const error = caught(() => categoricalColumnDrift('client_region', [], ['north']));
    expect(error).toBeInstanceOf(DriftInputError);
    expect(error).toMatchObject({ reason: 'empty-column', column: 'client_region', side: 'reference' });
  });

  it('rejects a string in a numeric column, naming column, side and row', () => {
    expect(() => columnDrift('lawyer_rating', 'numeric', [4.5, 'five', 3], [4])).toThrow(
      'Column \'lawyer_rating\' in the reference dataset should contain numbers only; found "five" at row 1',
    );
  });

  it('rejects an object in a categorical column', () => {
    expect(() => columnDrift('c', 'categorical', ['a'], ['a', {} as unknown as string])).toThrow(
      "Column 'c' in the current dataset should contain strings, numbers or booleans only; found {} at row 1",
    );
  });

  it('refuses methods that Evidently does not allow for the column type', () => {
    expect(() => numericColumnDrift('x', [1, 2], [1, 2], { method: 'chisquare' })).toThrow(
      "Column 'x': method 'chisquare' does not apply to numeric columns (it accepts categorical)",
    );
    expect(() => categoricalColumnDrift('c', ['a'], ['b'], { method: 'ks' })).toThrow(
      "Column 'c': method 'ks' does not apply to categorical columns (it accepts numeric)",
    );
  });

  it('rejects an unknown method name, a non-finite threshold and bad summary options', () => {
    const bad = { method: 'kl' } as unknown as { method: 'ks' };
    expect(() => numericColumnDrift('x', [1], [1], bad)).toThrow('unknown drift method "kl"');
    expect(() => numericColumnDrift('x', [1], [1], { threshold: NaN })).toThrow(
      'threshold must be a finite number',
    );
    expect(() => numericColumnDrift('x', [1], [1], { histogramBins: 0 })).toThrow(
      'histogramBins must be a positive integer',
    );
    expect(() => categoricalColumnDrift('c', ['a'], ['a'], { maxCategories: 1.5 })).toThrow(
      'maxCategories must be a positive integer',
    );
  });
});

describe('columnDrift edge cases', () => {
  it('scores a constant numeric column on both sides with the Z-test and no drift', () => {
    expect(numericColumnDrift('k', [3, 3, 3], [3, 3])).toMatchObject({
      method: 'z',
      score: 1,
      drifted: false,
    });
  });

  it('drifts a categorical column whose current categories are all new (chi-squared p = 0)', () => {
    expect(categoricalColumnDrift('c', ['a', 'b', 'c'], ['d', 'e', 'd'])).toMatchObject({
      method: 'chisquare',
      score: 0,
      drifted: true,
    });
  });

  it('drops nulls before testing and reports them as missing', () => {
    const result = categoricalColumnDrift('c', ['a', 'b', null as unknown as string], ['a', 'b']);
    expect(result.referenceSummary).toMatchObject({ rows: 2, missing: 1 });
  });
});
