import { balancedClassWeights, classWeightsFor } from './class-weights';
import { TrainingDataError } from './errors';

describe('balancedClassWeights', () => {
  it("matches scikit-learn's compute_class_weight('balanced')", () => {
    // sklearn.utils.class_weight.compute_class_weight('balanced', classes=[0, 1], y=[0, 0, 0, 1])
    // -> [0.66666667, 2.0]
    const w = balancedClassWeights(Float32Array.from([0, 0, 0, 1]));
    expect(w[0]).toBeCloseTo(0.6666666666666666, 12);
    expect(w[1]).toBeCloseTo(2, 12);
  });

  it('gives weight 1 to both classes when they are balanced', () => {
    expect(balancedClassWeights([0, 1, 1, 0])).toEqual({ 0: 1, 1: 1 });
  });

  it('rejects one-class and non-binary labels', () => {
    expect(() => balancedClassWeights([1, 1])).toThrow(TrainingDataError);
    expect(() => balancedClassWeights([1, 1])).toThrow('found 0 negatives and 2 positives');
    expect(() => balancedClassWeights([0, 0.5])).toThrow('labels[1] is 0.5');
  });
});

describe('classWeightsFor', () => {
  it('is balanced by default and 1 for both classes with none, after the same checks', () => {
    expect(classWeightsFor('balanced', [0, 0, 0, 1])).toEqual(balancedClassWeights([0, 0, 0, 1]));
    expect(classWeightsFor('none', [0, 0, 0, 1])).toEqual({ 0: 1, 1: 1 });
    expect(() => classWeightsFor('none', [1, 1])).toThrow('found 0 negatives and 2 positives');
  });
});
