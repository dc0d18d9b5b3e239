import { findSetProblem, isBlankCell, parseStrictNumber } from './cell-values';

describe('parseStrictNumber', () => {
  it.each([
    ['4', 4],
    ['-0.5', -0.5],
    ['4.25', 4.25],
    ['1e3', 1000],
    ['.5', 0.5],
    ['0', 0],
  ])('reads %p as %p', (text, expected) => {
    expect(parseStrictNumber(text)).toBe(expected);
  });

  it.each(['', ' ', ' 4', '4 ', 'abc', '4,5', '0x1F', '0b11', 'Infinity', '-Infinity', 'NaN', '1e999'])(
    'rejects %p as NaN',
    (text) => {
      expect(parseStrictNumber(text)).toBeNaN();
    },
  );
});

describe('isBlankCell', () => {
  it('treats empty, whitespace and missing-value markers as blank, and nothing else', () => {
    for (const text of ['', '  ', 'NaN', 'nan', 'NULL', 'None', 'N/A', 'NA', '#N/A'])
      expect(isBlankCell(text)).toBe(true);
    for (const text of ['0', 'family', 'nano']) expect(isBlankCell(text)).toBe(false);
  });
});

describe('findSetProblem', () => {
  const allowed = new Set(['english', 'spanish']);

  it('accepts lists of allowed values, repeats included', () => {
    expect(findSetProblem('english', allowed)).toBeUndefined();
    expect(findSetProblem('spanish|english|english', allowed)).toBeUndefined();
  });

  it('names the first unknown or empty part', () => {
    expect(findSetProblem('english|klingon', allowed)).toEqual({ part: 'klingon' });
    expect(findSetProblem('english||spanish', allowed)).toEqual({ part: '' });
    expect(findSetProblem('', allowed)).toEqual({ part: '' });
  });
});
