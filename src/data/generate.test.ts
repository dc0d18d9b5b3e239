import { createHash } from 'node:crypto';
import { generateMatchmakingRows, rowsToCsv } from './generate';
import { COLUMN_NAMES, DATASET_COLUMNS, LANGUAGE_LIST_SEPARATOR, type MatchmakingRow } from './schema';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const positiveRate = (rows: readonly MatchmakingRow[]): number =>
  rows.reduce((sum, row) => sum + row.match_success, 0) / rows.length;

describe('generateMatchmakingRows', () => {
  it('gives byte-identical CSV for the same options, and different CSV for another seed or drift', () => {
    const csv = (seed: number, drift = 0) => rowsToCsv(generateMatchmakingRows({ rows: 2000, seed, drift }));
    expect(md5(csv(42))).toBe(md5(csv(42)));
    expect(md5(csv(42, 0.5))).toBe(md5(csv(42, 0.5)));
    expect(csv(43)).not.toBe(csv(42));
    expect(csv(42, 0.5)).not.toBe(csv(42));
  });

  it('keeps every value inside the schema: categories, ranges, integers and 0/1 columns', () => {
    const rows = generateMatchmakingRows({ rows: 20_000, seed: 7, drift: 1 });
    for (const spec of DATASET_COLUMNS) {
      const values = rows.map((row) => row[spec.name as keyof MatchmakingRow]);
      if (spec.kind === 'categorical') {
        expect(values.every((v) => spec.categories!.includes(v as string))).toBe(true);
      } else if (spec.kind === 'categorical_set') {
        const parts = values.flatMap((v) => (v as string).split(LANGUAGE_LIST_SEPARATOR));
        expect(parts.every((p) => spec.categories!.includes(p))).toBe(true);
      } else if (spec.kind === 'binary') {
        expect(values.every((v) => v === 0 || v === 1)).toBe(true);
      } else {
        const numbers = values as number[];
        expect(Math.min(...numbers)).toBeGreaterThanOrEqual(spec.min!);
        expect(Math.max(...numbers)).toBeLessThanOrEqual(spec.max!);
        if (spec.kind === 'integer') expect(numbers.every(Number.isInteger)).toBe(true);
      }
    }
  });

  it('makes about a third of the matches succeed (30–40 %), the class imbalance the model must handle', () => {
    const rate = positiveRate(generateMatchmakingRows({ rows: 10_000, seed: 42 }));
    expect(rate).toBeGreaterThan(0.3);
    expect(rate).toBeLessThan(0.4);
  });

  it('gives specialist matches a much higher success rate than the others', () => {
    const rows = generateMatchmakingRows({ rows: 10_000, seed: 42 });
    const specialist = rows.filter((r) => r.lawyer_specialization === r.client_case_type);
    const other = rows.filter((r) => r.lawyer_specialization !== r.client_case_type);
    expect(positiveRate(specialist) - positiveRate(other)).toBeGreaterThan(0.25);
  });

  it('rejects a negative row count, a fractional seed and a drift outside [0, 1]', () => {
    expect(() => generateMatchmakingRows({ rows: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateMatchmakingRows({ rows: 1, seed: 1.5 })).toThrow(RangeError);
    expect(() => generateMatchmakingRows({ rows: 1, seed: 1, drift: 1.1 })).toThrow(
      'drift must be between 0 and 1, got 1.1',
    );
    expect(() => generateMatchmakingRows({ rows: 1, seed: 1, drift: Number.NaN })).toThrow(RangeError);
  });
});

describe('rowsToCsv', () => {
  const row: MatchmakingRow = {
    client_case_type: 'housing',
    client_urgency: 'high',
    client_income_bracket: 'low',
    client_language: 'spanish',
    client_region: 'south',
    client_age: 34,
    lawyer_specialization: 'housing',
    lawyer_years_experience: 12,
    lawyer_rating: 4,
    lawyer_caseload: 18,
    lawyer_languages: 'english|spanish',
    lawyer_pro_bono: 1,
    lawyer_region: 'south',
    distance_km: 7,
    match_success: 1,
  };

  it('writes the canonical header, one line per row, \\n endings and a final newline', () => {
    const csv = rowsToCsv([row, row]);
    const lines = csv.split('\n');
    expect(lines[0]).toBe(COLUMN_NAMES.join(','));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(csv).not.toContain('\r');
  });

  it('writes integers bare, the rating with one or two decimals and the distance with one', () => {
    expect(rowsToCsv([row]).split('\n')[1]).toBe(
      'housing,high,low,spanish,south,34,housing,12,4.0,18,english|spanish,1,south,7.0,1',
    );
    const cells = rowsToCsv([{ ...row, lawyer_rating: 4.25, distance_km: 123.45 }])
      .split('\n')[1]!
      .split(',');
    expect(cells[COLUMN_NAMES.indexOf('lawyer_rating')]).toBe('4.25');
    expect(cells[COLUMN_NAMES.indexOf('distance_km')]).toBe('123.5');
    const tenths = rowsToCsv([{ ...row, lawyer_rating: 3.3 }])
      .split('\n')[1]!
      .split(',');
    expect(tenths[COLUMN_NAMES.indexOf('lawyer_rating')]).toBe('3.3');
  });

  it('writes just the header for no rows', () => {
    expect(rowsToCsv([])).toBe(`${COLUMN_NAMES.join(',')}\n`);
  });
});
