import {
  expandSample,
  expectClose,
  expectPValueClose,
  loadDriftReference,
  type DatasetCase,
} from '../../test/reference/drift/drift-reference';
import { columnTypeOfKind, inferColumnType } from './column-types';
import { DEFAULT_DRIFT_SHARE, detectDatasetDrift, type DatasetColumns } from './dataset-drift';
import { DriftInputError } from './errors';
import { isPValueMethod, type DriftMethod } from './method-selection';

// Expected numbers: Evidently 0.7.23's DataDriftTable + DatasetDriftMetric report with the
// schema's numerical / categorical columns (the script checks DataDriftPreset agrees).
const { datasets } = loadDriftReference();

/** Evidently's display names of its stat tests. */
const METHOD_OF_DISPLAY_NAME: Record<string, DriftMethod> = {
  'K-S p_value': 'ks',
  'chi-square p_value': 'chisquare',
  'Z-test p_value': 'z',
  'Wasserstein distance (normed)': 'wasserstein',
  'Jensen-Shannon distance': 'jensenshannon',
  PSI: 'psi',
};

function expand(stored: DatasetCase['reference']): DatasetColumns {
  return Object.fromEntries(Object.entries(stored).map(([name, sample]) => [name, expandSample(sample)]));
}

/** The error `fn` throws (the test fails if it does not throw). */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('detectDatasetDrift against Evidently', () => {
  it.each(datasets.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = detectDatasetDrift(expand(c.reference), expand(c.current));
    const { expected } = c;
    expect(result.totalColumns).toBe(expected.numberOfColumns);
    expect(result.driftedColumns).toBe(expected.numberOfDriftedColumns);
    expect(result.share).toBe(expected.shareOfDriftedColumns);
    expect(result.datasetDrift).toBe(expected.datasetDrift);
    expect(result.thresholdShare).toBe(expected.driftShare);
    for (const column of result.columns) {
      const evidently = expected.columns[column.column]!;
      expect([column.column, column.method]).toEqual([
        column.column,
        METHOD_OF_DISPLAY_NAME[evidently.stattest],
      ]);
      expect([column.column, column.drifted, column.threshold]).toEqual([
        column.column,
        evidently.drifted,
        evidently.threshold,
      ]);
      if (isPValueMethod(column.method)) expectPValueClose(column.score, evidently.score, column.column);
      else expectClose(column.score, evidently.score, column.column);
    }
  });

  it('types the schema columns as Evidently was told to', () => {
    const c = datasets[0]!;
    const result = detectDatasetDrift(expand(c.reference), expand(c.current));
    const typeOf = Object.fromEntries(result.columns.map((r) => [r.column, r.type]));
    for (const name of c.numerical) expect(typeOf[name]).toBe('numeric');
    for (const name of c.categorical) expect(typeOf[name]).toBe('categorical');
  });
});

describe('detectDatasetDrift dataset verdict', () => {
  // x drifts (disjoint values), y does not.
  const reference = { x: [1, 2, 3, 4, 5, 6, 7, 8], y: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'] };
  const current = { x: [11, 12, 13, 14, 15, 16, 17, 18], y: ['b', 'a', 'b', 'a', 'b', 'a', 'b', 'a'] };

  it('drifts when the share of drifted columns equals the threshold (Evidently uses >=)', () => {
    const result = detectDatasetDrift(reference, current);
    expect(result).toMatchObject({ driftedColumns: 1, totalColumns: 2, share: 0.5, datasetDrift: true });
    expect(result.thresholdShare).toBe(DEFAULT_DRIFT_SHARE);
  });

  it('uses a configurable share', () => {
    expect(detectDatasetDrift(reference, current, { driftShare: 0.6 }).datasetDrift).toBe(false);
  });

  it('reports row counts and is JSON-serialisable without NaN', () => {
    const result = detectDatasetDrift(reference, current);
    expect([result.referenceRows, result.currentRows]).toEqual([8, 8]);
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/NaN|null|Infinity/);
    expect(JSON.parse(json)).toEqual(result);
  });

  it('compares only the requested columns', () => {
    const result = detectDatasetDrift({ ...reference, z: [1] }, { ...current }, { columns: ['y'] });
    expect(result.columns.map((c) => c.column)).toEqual(['y']);
  });
});

describe('detectDatasetDrift column types', () => {
  it('maps schema kinds: integer and number numeric; categorical, binary and categorical_set categorical', () => {
    expect(columnTypeOfKind('integer')).toBe('numeric');
    expect(columnTypeOfKind('number')).toBe('numeric');
    expect(columnTypeOfKind('categorical')).toBe('categorical');
    expect(columnTypeOfKind('binary')).toBe('categorical');
    expect(columnTypeOfKind('categorical_set')).toBe('categorical');
  });

  it('tests lawyer_languages on its raw string: each language combination is one category', () => {
    const result = detectDatasetDrift(
      { lawyer_languages: ['english', 'english|spanish', 'spanish|english'] },
      { lawyer_languages: ['english|spanish', 'english|spanish', 'english'] },
    );
    expect(result.columns[0]).toMatchObject({ type: 'categorical', method: 'chisquare' });
    expect(result.columns[0]!.referenceSummary).toMatchObject({
      categories: ['english|spanish', 'english', 'spanish|english'],
    });
  });

  it('tests the binary schema columns (0/1 numbers) as categories', () => {
    const result = detectDatasetDrift({ lawyer_pro_bono: [0, 1, 1, 0] }, { lawyer_pro_bono: [1, 1, 1, 0] });
    expect(result.columns[0]).toMatchObject({ type: 'categorical', method: 'z' });
  });

  it('lets columnTypes override the schema', () => {
    const result = detectDatasetDrift(
      { client_age: [30, 31, 32] },
      { client_age: [30, 31, 32] },
      { columnTypes: { client_age: 'categorical' } },
    );
    expect(result.columns[0]!.type).toBe('categorical');
  });

  it('infers the type of a column outside the schema from the current values, as Evidently does', () => {
    const wide = Array.from({ length: 30 }, (_, i) => i);
    const narrow = Array.from({ length: 30 }, (_, i) => i % 3);
    expect(detectDatasetDrift({ visits: wide }, { visits: narrow }).columns[0]!.type).toBe('categorical');
    expect(detectDatasetDrift({ visits: narrow }, { visits: wide }).columns[0]!.type).toBe('numeric');
  });

  it('infers unknown columns as Evidently does: strings and integers with <= 10 values categorical', () => {
    expect(inferColumnType(['a', 'b'])).toBe('categorical');
    expect(inferColumnType([1, 2, 3, 2, null])).toBe('categorical');
    expect(inferColumnType(Array.from({ length: 11 }, (_, i) => i))).toBe('numeric');
    expect(inferColumnType([0.5, 1, 2])).toBe('numeric');
    expect(inferColumnType([true, false])).toBe('categorical');
  });
});

describe('detectDatasetDrift methods and thresholds', () => {
  const reference = {
    distance_km: [1, 2, 3, 4, 5, 6, 7],
    client_region: ['north', 'south', 'east', 'north', 'west', 'east', 'south'],
  };
  const current = {
    distance_km: [2, 3, 4, 5, 6, 7, 8],
    client_region: ['north', 'north', 'east', 'north', 'west', 'east', 'south'],
  };
  const pick = (options: Parameters<typeof detectDatasetDrift>[2]) =>
    detectDatasetDrift(reference, current, options).columns.map((c) => [c.column, c.method, c.threshold]);

  it('resolves the method per column, then per type, then for all columns (Evidently DataDriftOptions)', () => {
    expect(pick({ method: 'psi' })).toEqual([
      ['distance_km', 'psi', 0.1],
      ['client_region', 'psi', 0.1],
    ]);
    expect(pick({ method: 'psi', numericMethod: 'wasserstein' })).toEqual([
      ['distance_km', 'wasserstein', 0.1],
      ['client_region', 'psi', 0.1],
    ]);
    expect(
      pick({
        method: 'psi',
        categoricalMethod: 'chisquare',
        perColumnMethod: { client_region: 'jensenshannon' },
      }),
    ).toEqual([
      ['distance_km', 'psi', 0.1],
      ['client_region', 'jensenshannon', 0.1],
    ]);
  });

  it('resolves the threshold per column, then per type, then for all columns, then the method default', () => {
    expect(pick({ threshold: 0.3 })).toEqual([
      ['distance_km', 'ks', 0.3],
      ['client_region', 'chisquare', 0.3],
    ]);
    expect(
      pick({ threshold: 0.3, categoricalThreshold: 0.2, perColumnThreshold: { distance_km: 0.01 } }),
    ).toEqual([
      ['distance_km', 'ks', 0.01],
      ['client_region', 'chisquare', 0.2],
    ]);
  });

  it('rejects per-column settings for columns that are not compared (a typo would be silently ignored otherwise)', () => {
    expect(() => detectDatasetDrift(reference, current, { perColumnMethod: { distance: 'psi' } })).toThrow(
      'perColumnMethod names columns that are not compared: distance',
    );
  });

  it('rejects a drift share outside [0, 1]', () => {
    expect(() => detectDatasetDrift(reference, current, { driftShare: 1.5 })).toThrow(
      'driftShare must be a number in [0, 1], got 1.5',
    );
  });
});

describe('detectDatasetDrift input errors', () => {
  it('names missing and extra columns when the column sets differ', () => {
    const error = caught(() => detectDatasetDrift({ a: [1], b: [2], c: [3] }, { a: [1], d: [4] }));
    expect(error).toBeInstanceOf(DriftInputError);
    expect(error).toMatchObject({
      reason: 'column-mismatch',
      message:
        'Reference and current datasets have different columns (missing from current: b, c; not in reference: d)',
      missingColumns: ['b', 'c'],
      extraColumns: ['d'],
    });
  });

  it('names requested columns that a side lacks', () => {
    expect(() => detectDatasetDrift({ a: [1] }, { b: [1] }, { columns: ['a'] })).toThrow(
      'Requested columns not found (missing from current: a)',
    );
  });

  it('names the empty side', () => {
    expect(caught(() => detectDatasetDrift({ a: [1, 2] }, { a: [] }))).toMatchObject({
      reason: 'empty-dataset',
      side: 'current',
      message: 'The current dataset is empty (0 rows)',
    });
    expect(caught(() => detectDatasetDrift({ a: [] }, { a: [1] }))).toMatchObject({ side: 'reference' });
    expect(caught(() => detectDatasetDrift({ a: [] }, { a: [] }))).toMatchObject({
      message: 'Both the reference and the current dataset are empty (0 rows)',
    });
  });

  it('names an all-null column and its side', () => {
    expect(
      caught(() => detectDatasetDrift({ client_age: [30, 40] }, { client_age: [null, null] })),
    ).toMatchObject({
      reason: 'empty-column',
      column: 'client_age',
      side: 'current',
    });
  });

  it('rejects columns of different lengths within one dataset', () => {
    expect(() => detectDatasetDrift({ a: [1, 2], b: [1] }, { a: [1], b: [1] })).toThrow(
      "Column 'b' of the reference dataset has 1 rows, but column 'a' has 2",
    );
  });

  it('rejects two datasets without columns', () => {
    expect(caught(() => detectDatasetDrift({}, {}))).toMatchObject({ reason: 'no-columns' });
  });
});
