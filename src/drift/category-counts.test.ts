import { compareCategories, countCategories, countPresent, countSortedValues } from './category-counts';

describe('countCategories', () => {
  it('counts both sides over the union of categories, in order of first appearance', () => {
    const counts = countCategories(['b', 'a', 'b'], ['c', 'a']);
    expect(counts.keys).toEqual(['b', 'a', 'c']);
    expect(Array.from(counts.reference)).toEqual([2, 1, 0]);
    expect(Array.from(counts.current)).toEqual([0, 1, 1]);
    expect([counts.referenceTotal, counts.currentTotal]).toEqual([3, 2]);
  });

  it('drops null, undefined, NaN and infinities and counts them', () => {
    const counts = countCategories(['a', null, undefined], [1, NaN, Infinity, 1]);
    expect(counts.keys).toEqual(['a', 1]);
    expect([counts.referenceDropped, counts.currentDropped]).toEqual([2, 2]);
    expect([counts.referenceTotal, counts.currentTotal]).toEqual([1, 2]);
  });

  it('keeps the number 1 and the string "1" apart, as pandas does', () => {
    expect(countCategories([1, '1'], []).keys).toEqual([1, '1']);
  });

  it('reports the first value that is not a category', () => {
    const problems: unknown[] = [];
    countCategories(['a'], ['b', {} as unknown as string, [] as unknown as string], (p) => problems.push(p));
    expect(problems).toEqual([{ side: 'current', index: 1, value: {} }]);
  });
});

describe('countSortedValues', () => {
  it('counts two ascending samples over their distinct values, ascending', () => {
    const counts = countSortedValues(Float64Array.of(1, 1, 3), Float64Array.of(2, 3, 3, 3));
    expect(counts.keys).toEqual([1, 2, 3]);
    expect(Array.from(counts.reference)).toEqual([2, 0, 1]);
    expect(Array.from(counts.current)).toEqual([0, 1, 3]);
  });
});

describe('compareCategories', () => {
  it('orders like Python sorted(): numbers numerically, strings by code point', () => {
    expect([10, 9, 1.5].sort(compareCategories)).toEqual([1.5, 9, 10]);
    expect(['b', 'B', 'a', 'ab'].sort(compareCategories)).toEqual(['B', 'a', 'ab', 'b']);
    // U+FF21 (fullwidth A) is below U+1F600 (emoji) by code point, though not by UTF-16 unit.
    expect(['\u{1F600}', '\uFF21'].sort(compareCategories)).toEqual(['\uFF21', '\u{1F600}']);
    expect([true, false].sort(compareCategories)).toEqual([false, true]);
  });

  it('puts numbers before strings (Python would refuse to compare them)', () => {
    expect(['a', 2].sort(compareCategories)).toEqual([2, 'a']);
  });
});

describe('countPresent', () => {
  it('counts the non-zero entries', () => {
    expect(countPresent(Float64Array.of(0, 2, 0, 1))).toBe(2);
  });
});
