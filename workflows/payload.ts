/**
 * Parsing what callers send to a workflow — inputs, signal and update
 * arguments — against zod schemas, with messages that name the field and the
 * JSON type it got (`comment must be a string, got number`). Workflow-safe (no
 * I/O); the CLI uses the same functions before it starts anything.
 */
import { ApplicationFailure, msToNumber, type Duration } from '@temporalio/common';
import { z } from 'zod';
import { FailureType, isDomainError } from '../src/core/errors';

/** The JSON type of a value, as a person reads it: null, array, object, string, number, boolean. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One issue as "<field> <problem>", the field prefixed with `what` (e.g. `approval.comment`). */
function describeIssue(issue: z.core.$ZodIssue, root: unknown, what: string | undefined): string {
  const field = [...(what ? [what] : []), ...issue.path.map(String)].join('.') || 'the payload';
  const got = jsonType(valueAt(root, issue.path));
  switch (issue.code) {
    case 'invalid_type':
      return `${field} must be ${article(issue.expected)}, got ${got}`;
    case 'unrecognized_keys':
      return `${field === 'the payload' ? 'the payload' : field} has unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${field} must be at most ${String(issue.maximum)} characters, got ${(valueAt(root, issue.path) as string).length}`
        : `${field} ${issue.message}`;
    case 'custom':
      // A domain parser's message already names the field (see checkedBy).
      return (issue.params as { verbatim?: boolean } | undefined)?.verbatim
        ? issue.message
        : `${field} ${issue.message}`;
    default:
      return `${field} ${issue.message}`;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Every problem of a failed parse, each naming its field, joined with "; ". */
export function describeIssues(error: z.ZodError, root: unknown, what?: string): string {
  return error.issues.map((issue) => describeIssue(issue, root, what)).join('; ');
}

/** The parsed value, or the message naming every bad field. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/**
 * Parses `payload` with `schema` without ever throwing: what a signal handler
 * needs, since a throw there would fail the workflow task again and again.
 * Domain validation inside the schema (a refine that throws a DomainError) is
 * reported the same way.
 */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, what?: string): Parsed<T> {
  try {
    const result = schema.safeParse(payload);
    if (result.success) return { ok: true, value: result.data };
    return { ok: false, problem: describeIssues(result.error, payload, what) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Parses a workflow input or update argument, throwing a non-retryable
 * `InvalidInput` failure naming every bad field when it does not fit: the
 * same input fails the same way, so neither Temporal nor the CLI should retry.
 */
export function parseOrRefuse<T>(schema: z.ZodType<T>, payload: unknown, what?: string): T {
  const parsed = parsePayload(schema, payload, what);
  if (!parsed.ok) throw ApplicationFailure.nonRetryable(parsed.problem, FailureType.InvalidInput);
  return parsed.value;
}

/**
 * A duration like "7 days" or "90 minutes", as Temporal reads it, checked here
 * so a typo fails at start and not days later. `min` is exclusive when
 * `positive` (a window of 0 would close at once).
 */
export function durationString(options: { readonly positive: boolean }) {
  return z
    .string()
    .max(100)
    .superRefine((text, context) => {
      let ms: number;
      try {
        ms = msToNumber(text as Duration);
      } catch {
        ms = Number.NaN;
      }
      const ok = Number.isFinite(ms) && (options.positive ? ms > 0 : ms >= 0);
      if (!ok) {
        context.addIssue({
          code: 'custom',
          message: `"${text}" is not ${options.positive ? 'a positive' : 'a'} duration like "7 days"`,
        });
      }
    });
}

/**
 * Milliseconds in a duration already validated by {@link durationString}
 * (workflow inputs are parsed at start), e.g. '7 days'.
 */
export function durationMs(text: string): number {
  return msToNumber(text as Duration);
}

/**
 * A schema whose value is checked by a domain parser that throws a
 * DomainError naming the field (promotion policy, training parameters): its
 * message becomes the issue's, so both layers word problems the same way.
 */
export function checkedBy<T>(parse: (value: unknown) => unknown) {
  return z.custom<T>().superRefine((value, context) => {
    try {
      parse(value);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      context.addIssue({ code: 'custom', message: error.message, params: { verbatim: true } });
    }
  });
}
