import { createColumnDecoder } from './column-decoders';
import { columnSpec, type ColumnSpec } from './schema';

const spec = (name: string): ColumnSpec => columnSpec(name)!;

/** Feeds `cells` to a fresh decoder and returns it. */
function decode(name: string, cells: readonly string[]) {
  const decoder = createColumnDecoder(spec(name), cells.length);
  cells.forEach((cell, row) => decoder.set(row, cell));
  return decoder;
}

describe('createColumnDecoder', () => {
  it('stores numbers in a Float64Array and finds the first out-of-range cell', () => {
    const decoder = decode('lawyer_rating', ['4.5', '5', '5.01', 'x']);
    expect(decoder.firstInvalidRow(4)).toBe(2);
    expect(decoder.firstInvalidRow(2)).toBe(-1);
    expect(decoder.values(2)).toEqual(new Float64Array([4.5, 5]));
  });

  it('rejects fractions in integer columns and anything but 0/1 in binary columns', () => {
    expect(decode('client_age', ['30', '30.5']).firstInvalidRow(2)).toBe(1);
    expect(decode('lawyer_pro_bono', ['1', '0', '0.5']).firstInvalidRow(3)).toBe(2);
  });

  it('shares the schema strings among categorical cells and marks unknown ones', () => {
    const decoder = decode('client_region', ['north', 'south', 'North']);
    expect(decoder.firstInvalidRow(3)).toBe(2);
    expect(decoder.values(2)).toEqual(['north', 'south']);
  });

  it('validates every part of a language list', () => {
    const decoder = decode('lawyer_languages', [
      'english|spanish',
      'english|spanish',
      'french',
      'english|xx',
    ]);
    expect(decoder.firstInvalidRow(4)).toBe(3);
    expect(decoder.values(3)).toEqual(['english|spanish', 'english|spanish', 'french']);
  });
});
