import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { LOG_LOSS_EPSILON, logLoss } from './log-loss';

describe('logLoss', () => {
  const { cases } = loadSklearnReference();

  it.each(cases)('matches scikit-learn log_loss on "$name"', ({ labels, scores, expected }) => {
    expectClose(logLoss(labels, scores), expected.logLoss, 'logLoss');
  });

  it('uses float64 machine epsilon, 2^-52, as its clipping bound', () => {
    expect(LOG_LOSS_EPSILON).toBe(2 ** -52);
    expect(LOG_LOSS_EPSILON).toBe(2.220446049250313e-16); // np.finfo(np.float64).eps
  });

  it('is ln 2 for a coin-flip prediction', () => {
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
  });

  it('charges -ln(eps) ≈ 36.04, not Infinity, for a confidently wrong prediction', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(LOG_LOSS_EPSILON), 12);
    expect(logLoss([0], [1])).toBeCloseTo(-Math.log(LOG_LOSS_EPSILON), 12);
  });

  it('charges -ln(1 - eps) ≈ 2.2e-16, not 0, for a confidently right prediction', () => {
    expect(logLoss([1, 0], [1, 0])).toBe(-Math.log(1 - LOG_LOSS_EPSILON));
    expect(logLoss([1, 0], [1, 0])).toBeGreaterThan(0);
  });

  it('scores inputs with a single class', () => {
    // By hand: −(ln 0.8 + ln 0.6) / 2.
    expect(logLoss([1, 1], [0.8, 0.6])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
  });

  it('rejects a probability above 1 with its index', () => {
    expect(() => logLoss([1, 0], [0.5, 1.5])).toThrow(
      'logLoss: scores[1] must be a probability in [0, 1], got 1.5',
    );
  });
});
