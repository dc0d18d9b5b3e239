/**
 * Parsers for commander options shared by the CLI, `scripts/` and `bench/`: a
 * bad value fails the command with commander's own message,
 * `error: option '--rows <n>' argument 'x' is invalid. expected a positive integer, got "x"`.
 */
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { isVersionName } from '../src/registry/layout';

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

/**
 * A commander parser from a zod schema: the value is parsed by `schema`, and the
 * first problem becomes commander's "argument … is invalid" message, e.g.
 * `error: option '--expect-md5 <md5>' argument 'x' is invalid. expected an md5 (32 hex digits), got "x"`.
 */
export function parsedBy<T>(schema: z.ZodType<T>): (value: string) => T {
  return (value: string) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'invalid'}, got "${value}"`);
  };
}

/** Text that must say something: trimmed, not empty (names of people, reasons). */
export const nonEmptyText = parsedBy(z.string().trim().min(1, 'must not be empty'));

/** A workflow ID as Temporal accepts it: not empty, at most 1000 characters, no control characters. */
export const workflowIdArgument = parsedBy(
  z
    .string()
    .trim()
    .min(1, 'expected a workflow ID')
    .max(1000, 'a workflow ID has at most 1000 characters')
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'a workflow ID has no control characters'),
);

/** An md5 digest: 32 hexadecimal digits, returned in lower case. */
export const md5Option = parsedBy(
  z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{32}$/, 'expected an md5 (32 hex digits)')
    .transform((md5) => md5.toLowerCase()),
);

/** A model version name such as `v20261128-133600-3f2a9c1d`. */
export const modelVersionArgument = parsedBy(
  z.string().trim().refine(isVersionName, 'expected a model version name such as v20261128-133600-3f2a9c1d'),
);

/** One of a fixed set of words, e.g. `choiceOf(['retrain', 'drift'])`. */
export function choiceOf<T extends string>(choices: readonly [T, ...T[]]): (value: string) => T {
  return parsedBy(z.enum(choices, { error: `must be one of ${choices.join(', ')}` }));
}
