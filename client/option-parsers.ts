/**
 * Parsers for commander options shared by the CLI, `scripts/` and `bench/`: a
 * bad value fails the command with commander's own message,
 * `error: option '--rows <n>' argument 'x' is invalid. expected a positive integer, got "x"`.
 */
import { InvalidArgumentError } from 'commander';

/**
 * Parses an option value that must be a whole number.
 *
 * @throws InvalidArgumentError for anything else (blank, fractions, beyond 2^53)
 */
export function integerOption(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return n;
}

/**
 * Parses an option value that must be a whole number of at least 1.
 *
 * @throws InvalidArgumentError for anything else
 */
export function positiveIntegerOption(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}
