/**
 * How one CSV cell's text is read, shared by the fast column decoders and by
 * the code that explains a rejected cell, so the two always agree.
 */
import { LANGUAGE_LIST_SEPARATOR } from './schema';

/** Texts that spreadsheets and pandas write for "no value"; treated as blank rather than as a wrong type. */
const MISSING_MARKERS: ReadonlySet<string> = new Set(['nan', 'na', 'n/a', 'null', 'none', '#n/a']);

/** True when a cell holds no value: empty, whitespace only, or a missing-value marker such as `NaN` or `NULL`. */
export function isBlankCell(text: string): boolean {
  return text.trim().length === 0 || MISSING_MARKERS.has(text.trim().toLowerCase());
}

const CHAR_0 = 48;
const SPACE = 32;

/**
 * Parses a decimal number strictly: the result is NaN unless the whole cell is a
 * finite decimal number such as `4`, `-0.5`, `4.25` or `1e3`. `Number()` alone
 * would also accept `""` (0), `" 7 "`, `0x1F` and `Infinity`, none of which a
 * writer of this dataset produces, so they are rejected here. This runs once per
 * numeric cell of a million-row file, hence character checks instead of a regex.
 */
export function parseStrictNumber(text: string): number {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) <= SPACE || text.charCodeAt(n - 1) <= SPACE) return NaN;
  if (n > 2 && text.charCodeAt(0) === CHAR_0) {
    const prefix = text.charCodeAt(1) | 0x20; // lower-case
    if (prefix === 0x78 || prefix === 0x6f || prefix === 0x62) return NaN; // 0x…, 0o…, 0b…
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : NaN;
}

/** Why a language list was rejected: which part, or that a part is empty. */
export interface SetProblem {
  /** The offending part; the empty string for an empty part (`english||spanish`, a trailing `|`). */
  readonly part: string;
}

/**
 * Checks a `LANGUAGE_LIST_SEPARATOR`-separated list against the allowed values;
 * undefined when every part is allowed and none is empty. Repeated parts are
 * accepted: they do not change the set, and consumers parse it as a set.
 */
export function findSetProblem(text: string, allowed: ReadonlySet<string>): SetProblem | undefined {
  for (const part of text.split(LANGUAGE_LIST_SEPARATOR)) {
    if (!allowed.has(part)) return { part };
  }
  return undefined;
}
