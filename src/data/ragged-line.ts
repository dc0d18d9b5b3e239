/**
 * Words for a CSV line whose field count or quoting is wrong, shared by the
 * dataset loader and the generic CSV table reader so both explain a bad line
 * the same way.
 */
import { brokenQuoting } from './csv-text';
import { delimiterText, foreignDelimiter } from './text-format';

/** Where a rejected line is in the text, and whether it is the file's unfinished last line. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
  /** The last line, and the file does not end with a line break: it may have been cut off mid-write. */
  readonly cutOff: boolean;
}

/**
 * Why text[line.start, line.end) is not a row of `expected` fields: broken
 * quoting (`fields` undefined), a blank line, another delimiter, or a
 * truncated last line.
 *
 * @param fields - the line split on commas, or undefined when its quoting is broken
 * @param lineBreakNote - why a line break inside quotes is refused, in the caller's terms
 */
export function raggedDetail(
  text: string,
  line: LineSpan,
  expected: number,
  fields: readonly string[] | undefined,
  lineBreakNote: string,
): string {
  if (fields === undefined) {
    return brokenQuoting(text, line.start, line.end) === 'unterminated'
      ? 'a quoted field opens on this line and does not close on it: a line break inside quotes ' +
          `(not accepted: ${lineBreakNote}) or a missing closing quote`
      : 'broken quoting: text after a closing quote (a quote inside a quoted field must be doubled, "")';
  }
  if (fields.length === 1 && fields[0]!.trim() === '')
    return `the line is blank; expected ${expected} fields`;
  const found = foreignDelimiter(text.slice(line.start, line.end), fields.length, expected);
  if (found !== undefined) {
    return `expected ${expected} comma-separated fields like the header, got ${fields.length}: the line is separated by ${delimiterText(found)}`;
  }
  const base = `expected ${expected} fields like the header, got ${fields.length}`;
  return line.cutOff && fields.length < expected
    ? `${base}: the last line is incomplete and the file does not end with a line break (cut off while being written?)`
    : base;
}
