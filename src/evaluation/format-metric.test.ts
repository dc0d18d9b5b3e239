import { decimalsToDistinguish, formatDelta, formatMetric } from './format-metric';

describe('metric formatting', () => {
  it('shows values to three decimals and null as undefined', () => {
    expect(formatMetric(0.84219)).toBe('0.842');
    expect(formatMetric(null)).toBe('undefined');
  });

  it('signs deltas, and prints a change that rounds to zero as +0.000', () => {
    expect(formatDelta(0.0411)).toBe('+0.041');
    expect(formatDelta(-0.011)).toBe('-0.011');
    expect(formatDelta(-0.0001)).toBe('+0.000');
  });

  it('adds decimals when two different values would print the same', () => {
    expect(decimalsToDistinguish(0.842, 0.7)).toBe(3);
    expect(decimalsToDistinguish(0.6996, 0.7)).toBe(4);
    expect(decimalsToDistinguish(0.7, 0.7)).toBe(3);
    expect(decimalsToDistinguish(0.7 - 1e-12, 0.7)).toBe(6); // capped
    expect(decimalsToDistinguish(0.7 - 1e-12, 0.7, 1e-9)).toBe(3); // a tie within tolerance
  });
});
