import {
  findSetProblem,
  isBlankCell,
  numberSpellingProblem,
  parsePlainDecimal,
  parsePlainInteger,
} from './cell-values';

describe('the number grammar', () => {
  it.each([
    ['0', 0],
    ['4', 4],
    ['42', 42],
    ['-3', -3],
    ['2000', 2000],
  ])('reads the plain integer %p as %p', (text, expected) => {
    expect(parsePlainInteger(text)).toBe(expected);
    expect(parsePlainDecimal(text)).toBe(expected);
  });

  it.each([
    ['4.5', 4.5],
    ['4.50', 4.5],
    ['0.5', 0.5],
    ['-0.5', -0.5],
    ['12.0', 12],
    ['4.25', 4.25],
  ])('reads the plain decimal %p as %p (not an integer)', (text, expected) => {
    expect(parsePlainDecimal(text)).toBe(expected);
    expect(parsePlainInteger(text)).toBeNaN();
  });

  it.each([
    ['4.2e1', 'an exponent'],
    ['1e3', 'an exponent'],
    ['42.0', 'a decimal point'],
    ['1.0', 'a decimal point'],
    ['+5', 'a plus sign'],
    ['-0', 'a minus sign on zero (a negative number rounded to zero?)'],
    ['007', 'a leading zero'],
  ])('refuses %p in an integer column: %s', (text, problem) => {
    expect(parsePlainInteger(text)).toBeNaN();
    expect(numberSpellingProblem(text, true)).toBe(problem);
  });

  it.each([
    ['1.5e2', 'an exponent'],
    ['1E3', 'an exponent'],
    ['+4.5', 'a plus sign'],
    ['-0.0', 'a minus sign on zero (a negative number rounded to zero?)'],
    ['-0', 'a minus sign on zero (a negative number rounded to zero?)'],
    ['05.5', 'a leading zero'],
    ['.5', 'a decimal point without digits on both sides'],
    ['5.', 'a decimal point without digits on both sides'],
  ])('refuses %p in a number column: %s', (text, problem) => {
    expect(parsePlainDecimal(text)).toBeNaN();
    expect(numberSpellingProblem(text, false)).toBe(problem);
  });

  it.each([
    '',
    ' ',
    ' 4',
    '4 ',
    '-',
    'abc',
    '4,5',
    '0x1F',
    '0b11',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e999',
    '4..5',
  ])('refuses %p, which is no number at all (no spelling hint)', (text) => {
    expect(parsePlainInteger(text)).toBeNaN();
    expect(parsePlainDecimal(text)).toBeNaN();
    expect(numberSpellingProblem(text, true)).toBeUndefined();
    expect(numberSpellingProblem(text, false)).toBeUndefined();
  });

  it('gives no spelling problem for numbers in the grammar', () => {
    expect(numberSpellingProblem('42', true)).toBeUndefined();
    expect(numberSpellingProblem('4.5', false)).toBeUndefined();
  });
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
