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
const CHAR_9 = 57;
const CHAR_MINUS = 45;
const CHAR_DOT = 46;

/**
 * The accepted number grammar (see `data/README.md`, "Numbers"). Integer and
 * binary columns take plain decimal integers, `0` or a non-zero digit and more
 * digits, optionally after `-`: no exponent (`4.2e1`), no decimal point (`42.0`,
 * a label `1.0`), no `+`, no leading zero, and no negative zero (`-0`). Number
 * columns take the same integer part, optionally followed by `.` and at least
 * one digit (`4.5`, `4.50`, `0.5`; not `.5`, `5.`, `1e3` or `-0.0`).
 *
 * Why so strict: every writer of this dataset (the generator, pandas, a
 * spreadsheet) writes integers as plain digits and decimals in positional
 * notation; a different spelling says the column went through a float or text
 * conversion on the way (`42.0` is pandas' integer column after a missing value
 * made it float), and `-0` is a negative value rounded to zero — below the
 * range of every column that can be zero. Refusing them names the line, where
 * silently reading them would hide the conversion, and it gives each value one
 * spelling.
 *
 * Returns the number the text denotes, or NaN when the text is not in the
 * grammar. This runs once per numeric cell of a million-row file, hence
 * character checks instead of a regex.
 */
function parsePlain(text: string, allowFraction: boolean): number {
  const n = text.length;
  let i = text.charCodeAt(0) === CHAR_MINUS ? 1 : 0;
  const negative = i === 1;
  const first = text.charCodeAt(i);
  if (!(first >= CHAR_0 && first <= CHAR_9)) return NaN;
  // A leading 0 is only the whole integer part: "0", "0.5"; never "007".
  if (first === CHAR_0 && i + 1 < n && text.charCodeAt(i + 1) !== CHAR_DOT) return NaN;
  let zero = first === CHAR_0;
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= CHAR_0 && c <= CHAR_9) {
      zero &&= c === CHAR_0;
      continue;
    }
    if (c !== CHAR_DOT || !allowFraction || i + 1 === n) return NaN;
    for (i++; i < n; i++) {
      const d = text.charCodeAt(i);
      if (!(d >= CHAR_0 && d <= CHAR_9)) return NaN;
      zero &&= d === CHAR_0;
    }
  }
  if (negative && zero) return NaN; // negative zero
  return Number(text);
}

/** Reads a plain decimal integer (`0`, `42`, `-3`); NaN for anything else. See {@link parsePlain} for the grammar. */
export function parsePlainInteger(text: string): number {
  return parsePlain(text, false);
}

/** Reads a plain decimal number (`4`, `4.25`, `-0.5`); NaN for anything else. See {@link parsePlain} for the grammar. */
export function parsePlainDecimal(text: string): number {
  return parsePlain(text, true);
}

/**
 * Why a cell that reads as a number by looser rules (JavaScript's `Number`) is
 * not in the grammar, in words — `an exponent`, `a decimal point` … — or
 * undefined when it is not a number at all (text, hex, `Infinity`, padding) or
 * is in the grammar. For error messages only.
 */
export function numberSpellingProblem(text: string, integer: boolean): string | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) || !Number.isFinite(Number(text)))
    return undefined;
  if (!Number.isNaN(integer ? parsePlainInteger(text) : parsePlainDecimal(text))) return undefined;
  if (text.startsWith('+')) return 'a plus sign';
  if (/[eE]/.test(text)) return 'an exponent';
  if (Object.is(Number(text), -0)) return 'a minus sign on zero (a negative number rounded to zero?)';
  if (integer && text.includes('.')) return 'a decimal point';
  if (/^-?0\d/.test(text)) return 'a leading zero';
  return 'a decimal point without digits on both sides';
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
