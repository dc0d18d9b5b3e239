import { expectClose, loadDriftReference } from '../../test/reference/drift/drift-reference';
import {
  EMPTY_BIN_SHARE,
  HISTOGRAM_MIN_DISTINCT,
  binnedShares,
  fillEmptyBins,
  histogramCounts,
  linspace,
  sturgesBinEdges,
} from './binning';
import { countCategories } from './category-counts';

// Expected numbers: numpy histogram_bin_edges(bins='sturges') and histogram, versions in the fixture.
const { histograms } = loadDriftReference();
const sorted = (values: readonly number[]): Float64Array => Float64Array.from(values).sort();

describe('sturgesBinEdges', () => {
  it.each(histograms.map((c) => [c.name, c] as const))('matches numpy on %s', (_name, c) => {
    const edges = sturgesBinEdges(sorted(c.a), sorted(c.b), c.integer);
    expect(edges.length).toBe(c.edges.length);
    c.edges.forEach((e, i) => expectClose(edges[i]!, e, `edge ${i}`, 1e-15));
  });

  it('raises the width to 1 for integer data only (numpy does so for integer dtypes)', () => {
    const ints = histograms.find((c) => c.name === 'integers-width-below-1')!;
    const floats = histograms.find((c) => c.name === 'floats-width-below-1')!;
    expect(ints.integer).toBe(true);
    expect(floats.integer).toBe(false);
    expect(ints.edges.length).toBeLessThan(floats.edges.length);
  });

  it('widens a constant sample to [v - 0.5, v + 0.5] with one bin', () => {
    expect(Array.from(sturgesBinEdges(Float64Array.of(2, 2), Float64Array.of(2), false))).toEqual([1.5, 2.5]);
  });

  it('returns no edges for two empty samples', () => {
    expect(sturgesBinEdges(new Float64Array(0), new Float64Array(0), false).length).toBe(0);
  });
});

describe('histogramCounts', () => {
  it.each(histograms.map((c) => [c.name, c] as const))('counts like np.histogram on %s', (_name, c) => {
    const edges = Float64Array.from(c.edges);
    expect(Array.from(histogramCounts(sorted(c.a), edges))).toEqual(c.countsA);
    expect(Array.from(histogramCounts(sorted(c.b), edges))).toEqual(c.countsB);
  });

  it('closes the last bin on the right only, and ignores values outside the edges', () => {
    const edges = Float64Array.of(0, 1, 2);
    expect(Array.from(histogramCounts(Float64Array.of(-1, 0, 0.5, 1, 2, 3), edges))).toEqual([2, 2]);
  });
});

describe('linspace', () => {
  it('ends exactly at stop', () => {
    expect(Array.from(linspace(0, 1, 4))).toEqual([0, 1 / 3, 2 / 3, 1]);
  });
});

describe('fillEmptyBins', () => {
  it('fills zeros with 0.0001 when the smallest non-zero share is above 0.0001', () => {
    expect(Array.from(fillEmptyBins(Float64Array.of(0.5, 0, 0.5)))).toEqual([0.5, EMPTY_BIN_SHARE, 0.5]);
  });

  it('fills zeros with (smallest share) / 1e6 when that share is at most 0.0001', () => {
    expect(Array.from(fillEmptyBins(Float64Array.of(0.99995, 0.00005, 0)))).toEqual([
      0.99995,
      0.00005,
      0.00005 / 1e6,
    ]);
  });

  it('leaves an all-zero vector alone', () => {
    expect(Array.from(fillEmptyBins(Float64Array.of(0, 0)))).toEqual([0, 0]);
  });
});

describe('binnedShares', () => {
  const few = (n: number): Float64Array => Float64Array.from({ length: 40 }, (_, i) => i % n).sort();

  it('uses one bin per distinct value when the reference has at most 20 values', () => {
    const reference = few(HISTOGRAM_MIN_DISTINCT);
    const current = Float64Array.of(0, 25, 25, 30);
    const { reference: r, current: c } = binnedShares(
      { type: 'numeric', reference, current, integerValued: true },
      false,
    );
    // 20 values of the reference + 25 and 30 of the current
    expect(r.length).toBe(22);
    expect(c[r.length - 2]).toBe(0.5);
  });

  it('uses Sturges bins over both samples when the reference has more than 20 values', () => {
    const reference = few(HISTOGRAM_MIN_DISTINCT + 1);
    const current = Float64Array.of(0, 5, 100);
    const edges = sturgesBinEdges(reference, current, true);
    const { reference: r } = binnedShares(
      { type: 'numeric', reference, current, integerValued: true },
      false,
    );
    expect(r.length).toBe(edges.length - 1);
    expect(r.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
  });

  it('gives categorical shares over the union of categories, filled only when asked', () => {
    const counts = countCategories(['a', 'a', 'b', 'b'], ['b', 'c']);
    expect(Array.from(binnedShares({ type: 'categorical', counts }, false).reference)).toEqual([0.5, 0.5, 0]);
    expect(Array.from(binnedShares({ type: 'categorical', counts }, true).reference)).toEqual([
      0.5, 0.5, 0.0001,
    ]);
  });
});
