import { MetricInputError } from './errors';
import {
  validateLabelsAndProbabilities,
  validateLabelsAndScores,
  validateThreshold,
} from './validate-inputs';

function errorOf(run: () => void): MetricInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof MetricInputError) return error;
    throw error;
  }
  throw new Error('expected a MetricInputError');
}

describe('validateLabelsAndScores', () => {
  it('accepts 0/1 labels with finite scores, as plain or typed arrays', () => {
    expect(() => validateLabelsAndScores('m', [0, 1], [-3, 7.5])).not.toThrow();
    expect(() =>
      validateLabelsAndScores('m', new Int32Array([1, 0]), new Float32Array([0.2, 0.9])),
    ).not.toThrow();
  });

  it('rejects arrays of different lengths and says both lengths', () => {
    const error = errorOf(() => validateLabelsAndScores('rocAuc', [0, 1, 1], [0.5, 0.5]));
    expect(error.message).toBe(
      'rocAuc: labels and scores must have the same length, got 3 labels and 2 scores',
    );
    expect(error.field).toBe('scores');
  });

  it('rejects an empty input', () => {
    expect(() => validateLabelsAndScores('rocAuc', [], [])).toThrow('rocAuc: needs at least one row, got 0');
  });

  it('rejects a label other than 0 or 1 and names its index', () => {
    const error = errorOf(() => validateLabelsAndScores('logLoss', [0, 1, 2], [0.1, 0.2, 0.3]));
    expect(error.message).toBe('logLoss: labels[2] must be 0 or 1, got 2');
    expect(error).toMatchObject({ metric: 'logLoss', field: 'labels', index: 2 });
  });

  it('rejects NaN labels, since NaN is neither 0 nor 1', () => {
    expect(() => validateLabelsAndScores('m', [NaN], [0.1])).toThrow('m: labels[0] must be 0 or 1, got NaN');
  });

  it.each([NaN, Infinity, -Infinity])('rejects a score of %p and names its index', (bad) => {
    const error = errorOf(() => validateLabelsAndScores('m', [0, 1], [0.1, bad]));
    expect(error.message).toBe(`m: scores[1] must be a finite number, got ${bad}`);
    expect(error).toMatchObject({ field: 'scores', index: 1 });
  });
});

describe('validateLabelsAndProbabilities', () => {
  it('accepts probabilities exactly 0 and 1', () => {
    expect(() => validateLabelsAndProbabilities('m', [0, 1], [0, 1])).not.toThrow();
  });

  it.each([-1e-9, 1.0000001])('rejects %p as outside [0, 1] and names its index', (bad) => {
    expect(() => validateLabelsAndProbabilities('logLoss', [0, 1, 0], [0.1, 0.2, bad])).toThrow(
      `logLoss: scores[2] must be a probability in [0, 1], got ${bad}`,
    );
  });
});

describe('validateThreshold', () => {
  it('accepts any finite threshold and rejects NaN', () => {
    expect(() => validateThreshold('m', 1.5)).not.toThrow();
    expect(() => validateThreshold('m', NaN)).toThrow('m: threshold must be a finite number, got NaN');
  });
});
