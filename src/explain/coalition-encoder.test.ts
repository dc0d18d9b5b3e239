import * as aq from 'arquero';
import { createRng } from '../data/random';
import { fitPreprocessor } from '../features/fit-preprocessor';
import { syntheticMatchTable } from '../features/synthetic-table';
import { transformRows } from '../features/transform-rows';
import { createCoalitionEncoder } from './coalition-encoder';
import { ExplainInputError } from './errors';
import { ALL_COLUMNS_MASK, EXPLAINED_COLUMNS } from './explained-columns';

const table = syntheticMatchTable(400, 5);
const state = fitPreprocessor(
  table,
  Int32Array.from({ length: 300 }, (_, i) => i),
);
const background = table.slice(300, 340);
const F = state.featureNames.length;

/** The raw hybrid row (x on `mask`, background row b elsewhere), encoded from scratch by transformRows. */
function encodedFromScratch(row: number, mask: number, b: number): Float32Array {
  const columns: Record<string, unknown[]> = {};
  EXPLAINED_COLUMNS.forEach((name, j) => {
    columns[name] = [mask & (1 << j) ? table.get(name, row) : background.get(name, b)];
  });
  return transformRows(state, aq.table(columns), [0]).values;
}

describe('createCoalitionEncoder', () => {
  it('assembles exactly the row transformRows encodes for the hybrid raw row', () => {
    const rng = createRng(3);
    const out = new Float32Array(F);
    for (const row of [350, 360, 399]) {
      const encoder = createCoalitionEncoder(state, table, row, background);
      for (let trial = 0; trial < 60; trial++) {
        const mask = rng.int(ALL_COLUMNS_MASK + 1);
        const b = rng.int(background.numRows());
        encoder.writeRow(mask, b, out, 0);
        expect(out).toEqual(encodedFromScratch(row, mask, b));
      }
    }
  });

  it('gives the pair features of mixed sources (client language from x, lawyer languages from b)', () => {
    const language = EXPLAINED_COLUMNS.indexOf('client_language');
    const match = state.featureNames.indexOf('language_match');
    const encoder = createCoalitionEncoder(state, table, 350, background);
    const out = new Float32Array(F);
    const lawyer = background.array('lawyer_languages') as string[];
    for (let b = 0; b < background.numRows(); b++) {
      encoder.writeRow(1 << language, b, out, 0);
      const expected = lawyer[b]!.split('|').includes(table.get('client_language', 350) as string) ? 1 : 0;
      expect(out[match]).toBe(expected);
    }
  });

  it('marks, per background row, the columns whose cell differs from the explained row', () => {
    const encoder = createCoalitionEncoder(state, table, 350, table.slice(350, 352));
    expect(encoder.differing[0]).toBe(0);
    const other = encoder.differing[1]!;
    EXPLAINED_COLUMNS.forEach((name, j) => {
      expect(Boolean(other & (1 << j))).toBe(table.get(name, 350) !== table.get(name, 351));
    });
  });

  it('names the problem with the row, a column or the background', () => {
    expect(() => createCoalitionEncoder(state, table, 400, background)).toThrow(
      new ExplainInputError('row', '400 is outside the table (0..399)'),
    );
    expect(() => createCoalitionEncoder(state, table.select(aq.not('distance_km')), 0, background)).toThrow(
      'distance_km: the explained row has no such column',
    );
    expect(() => createCoalitionEncoder(state, table, 0, background.slice(0, 0))).toThrow(
      'background: has no rows',
    );
  });
});
