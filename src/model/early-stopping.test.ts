import { INITIAL_EARLY_STOPPING, updateEarlyStopping } from './early-stopping';

describe('updateEarlyStopping', () => {
  const options = { patience: 2, minDelta: 0.01 };

  it('takes the first finite AUC as the best', () => {
    const { state, improved, stop } = updateEarlyStopping(INITIAL_EARLY_STOPPING, 1, 0.6, options);
    expect({ improved, stop }).toEqual({ improved: true, stop: false });
    expect(state).toEqual({ bestEpoch: 1, bestValRocAuc: 0.6, epochsWithoutImprovement: 0 });
  });

  it('counts gains of at most minDelta as no improvement and stops after patience', () => {
    let s = updateEarlyStopping(INITIAL_EARLY_STOPPING, 1, 0.7, options).state;
    const second = updateEarlyStopping(s, 2, 0.705, options);
    expect(second).toMatchObject({ improved: false, stop: false });
    s = second.state;
    const third = updateEarlyStopping(s, 3, 0.69, options);
    expect(third).toMatchObject({ improved: false, stop: true });
    expect(third.state).toEqual({ bestEpoch: 1, bestValRocAuc: 0.7, epochsWithoutImprovement: 2 });
  });

  it('resets the counter on an improvement', () => {
    let s = updateEarlyStopping(INITIAL_EARLY_STOPPING, 1, 0.7, options).state;
    s = updateEarlyStopping(s, 2, 0.7, options).state;
    const next = updateEarlyStopping(s, 3, 0.72, options);
    expect(next).toMatchObject({
      improved: true,
      stop: false,
      state: { bestEpoch: 3, epochsWithoutImprovement: 0 },
    });
  });

  it('never improves on NaN', () => {
    expect(updateEarlyStopping(INITIAL_EARLY_STOPPING, 1, Number.NaN, options)).toMatchObject({
      improved: false,
      state: { bestEpoch: 0, bestValRocAuc: null, epochsWithoutImprovement: 1 },
    });
  });
});
