import { InvalidArgumentError } from 'commander';
import { integerOption, positiveIntegerOption } from './option-parsers';

describe('integerOption', () => {
  it('accepts whole numbers, negative ones included', () => {
    expect(integerOption('42')).toBe(42);
    expect(integerOption('-7')).toBe(-7);
  });

  it.each(['', ' ', '2.5', 'x', '1e300'])('refuses %j', (value) => {
    expect(() => integerOption(value)).toThrow(
      new InvalidArgumentError(`expected an integer, got "${value}"`),
    );
  });
});

describe('positiveIntegerOption', () => {
  it('accepts 1 and more', () => {
    expect(positiveIntegerOption('1')).toBe(1);
    expect(positiveIntegerOption('40')).toBe(40);
  });

  it.each(['', '0', '-3', '2.5', 'ten'])('refuses %j', (value) => {
    expect(() => positiveIntegerOption(value)).toThrow(`expected a positive integer, got "${value}"`);
  });
});
