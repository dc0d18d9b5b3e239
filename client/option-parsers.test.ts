import { InvalidArgumentError } from 'commander';
import {
  choiceOf,
  integerOption,
  md5Option,
  modelVersionArgument,
  nonEmptyText,
  positiveIntegerOption,
  workflowIdArgument,
} from './option-parsers';

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

describe('the zod-built parsers', () => {
  it('take an md5 in either case and return it in lower case', () => {
    expect(md5Option('0123456789ABCDEF0123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(() => md5Option('0123')).toThrow(
      new InvalidArgumentError('expected an md5 (32 hex digits), got "0123"'),
    );
  });

  it('refuse blank text and trim the rest', () => {
    expect(nonEmptyText('  ana ')).toBe('ana');
    expect(() => nonEmptyText(' ')).toThrow(new InvalidArgumentError('must not be empty, got " "'));
  });

  it('take a word from a fixed set only', () => {
    const kind = choiceOf(['retrain', 'drift']);
    expect(kind('drift')).toBe('drift');
    expect(() => kind('training')).toThrow(
      new InvalidArgumentError('must be one of retrain, drift, got "training"'),
    );
  });

  it('take workflow IDs and model versions in their shapes', () => {
    expect(workflowIdArgument('retrain-matchmaking-abc')).toBe('retrain-matchmaking-abc');
    expect(() => workflowIdArgument('a\nb')).toThrow('a workflow ID has no control characters');
    expect(modelVersionArgument('v20261128-133600-3f2a9c1d')).toBe('v20261128-133600-3f2a9c1d');
    expect(() => modelVersionArgument('latest')).toThrow(
      'expected a model version name such as v20261128-133600-3f2a9c1d, got "latest"',
    );
  });
});
