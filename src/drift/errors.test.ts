import { DriftInputError, DriftInputReason } from './errors';

describe('DriftInputError', () => {
  it('carries its reason and context on readonly fields', () => {
    const error = new DriftInputError('bad', DriftInputReason.EmptyColumn, {
      column: 'c',
      side: 'current',
      index: 3,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'DriftInputError',
      message: 'bad',
      reason: 'empty-column',
      column: 'c',
      side: 'current',
      index: 3,
    });
    expect(error.missingColumns).toEqual([]);
    expect(error.extraColumns).toEqual([]);
  });

  it('leaves absent context undefined', () => {
    const error = new DriftInputError('no columns', DriftInputReason.NoColumns);
    expect([error.column, error.side, error.index]).toEqual([undefined, undefined, undefined]);
  });
});
