/**
 * Explains, in words, why a column decoder rejected a cell. Only called for the
 * one cell that is reported, so clarity matters more than speed here.
 */
import {
  findSetProblem,
  isBlankCell,
  numberSpellingProblem,
  parsePlainDecimal,
  parsePlainInteger,
} from './cell-values';
import { DatasetProblem } from './errors';
import { ColumnKind, LABEL_COLUMN, LANGUAGE_LIST_SEPARATOR, type ColumnSpec } from './schema';

/** A problem code and the words for it, without the location. */
export interface CellProblem {
  readonly problem: DatasetProblem;
  readonly detail: string;
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

function rangeText(spec: ColumnSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` between ${spec.min} and ${spec.max}`;
  if (spec.min !== undefined) return ` of at least ${spec.min}`;
  if (spec.max !== undefined) return ` of at most ${spec.max}`;
  return '';
}

/** `: integers are written in plain digits, without an exponent`, or '' when the text is not a misspelt number. */
function spellingHint(text: string, integer: boolean): string {
  const problem = numberSpellingProblem(text, integer);
  if (problem === undefined) return '';
  return integer
    ? `: integers are written in plain digits, without ${problem}`
    : `: numbers are written in plain decimal notation (digits, optionally "." and more digits), without ${problem}`;
}

function numericProblem(spec: ColumnSpec, text: string): CellProblem {
  const integer = spec.kind !== ColumnKind.Number;
  const value = integer ? parsePlainInteger(text) : parsePlainDecimal(text);
  const hint = spellingHint(text, integer);
  if (spec.kind === ColumnKind.Binary) {
    if (spec.name === LABEL_COLUMN) {
      return {
        problem: DatasetProblem.NonBinaryLabel,
        detail: `the label must be 0 or 1, got ${quoted(text)}${hint}`,
      };
    }
    return {
      problem: Number.isNaN(value) ? DatasetProblem.WrongType : DatasetProblem.OutOfRange,
      detail: `expected 0 or 1, got ${quoted(text)}${hint}`,
    };
  }
  const what = integer ? 'an integer' : 'a number';
  return {
    problem: Number.isNaN(value) ? DatasetProblem.WrongType : DatasetProblem.OutOfRange,
    detail: `expected ${what}${rangeText(spec)}, got ${quoted(text)}${hint}`,
  };
}

function categoryProblem(spec: ColumnSpec, text: string): CellProblem {
  const categories = spec.categories ?? [];
  if (spec.kind === ColumnKind.CategoricalSet) {
    const part = findSetProblem(text, new Set(categories))?.part ?? '';
    const what = part === '' ? 'an empty entry' : `the unknown value ${quoted(part)}`;
    return {
      problem: DatasetProblem.UnknownCategory,
      detail: `expected values from ${categories.join(', ')} separated by "${LANGUAGE_LIST_SEPARATOR}", got ${quoted(text)} with ${what}`,
    };
  }
  return {
    problem: DatasetProblem.UnknownCategory,
    detail: `expected one of ${categories.join(', ')}, got ${quoted(text)}`,
  };
}

/**
 * Why `text` is not a valid cell of column `spec`. Blank cells (and missing-value
 * markers such as `NaN`) are BLANK_CELL whatever the column; the label's bad
 * values are NON_BINARY_LABEL; otherwise the code follows the column kind.
 */
export function describeCellProblem(spec: ColumnSpec, text: string): CellProblem {
  if (isBlankCell(text)) {
    const detail =
      text.trim().length === 0
        ? 'the cell is blank'
        : `the cell holds the missing-value marker ${quoted(text)}`;
    return { problem: DatasetProblem.BlankCell, detail: `expected a value, ${detail}` };
  }
  switch (spec.kind) {
    case ColumnKind.Integer:
    case ColumnKind.Number:
    case ColumnKind.Binary:
      return numericProblem(spec, text);
    case ColumnKind.Categorical:
    case ColumnKind.CategoricalSet:
      return categoryProblem(spec, text);
  }
}
