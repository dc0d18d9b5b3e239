/**
 * Low-level CSV text handling for the dataset loader: decoding, line ends and
 * splitting a line into fields. Lines are addressed by offsets into the whole
 * text, so the loader never builds an array of lines.
 *
 * Supported CSV: `,` delimiter, `\n` or `\r\n` line ends, an optional UTF-8 BOM,
 * and RFC 4180 double-quoted fields (`"a ""b"""`) within one line. A quoted field
 * cannot span lines: no valid value of this dataset contains a line break, and
 * one record per line keeps every error's line number the line an editor shows.
 */

const BOM = 0xfeff;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/** Decodes UTF-8 bytes (or takes text as is) and drops a leading byte-order mark. */
export function decodeCsvText(input: Uint8Array | string): string {
  const text =
    typeof input === 'string'
      ? input
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** End of the text without its trailing line breaks, so a final newline (or a few) does not count as a row. */
export function contentEnd(text: string): number {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === LF || text.charCodeAt(end - 1) === CR)) end--;
  return end;
}

/** Offset of the `\n` ending the line that starts at `start`, or `end` for the last line. */
export function lineBreakAt(text: string, start: number, end: number): number {
  const lf = text.indexOf('\n', start);
  return lf === -1 || lf > end ? end : lf;
}

/** End of the line's content: before a `\r` that precedes the line break. */
export function trimCarriageReturn(text: string, start: number, lineBreak: number): number {
  return lineBreak > start && text.charCodeAt(lineBreak - 1) === CR ? lineBreak - 1 : lineBreak;
}

/** Number of line breaks in text[start, end), i.e. lines − 1. */
export function countLineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Splits text[start, end) into fields, honouring double quotes. Returns
 * undefined when the quoting is broken (an unterminated quote, or text between a
 * closing quote and the next comma).
 */
export function splitQuotedFields(text: string, start: number, end: number): string[] | undefined {
  const fields: string[] = [];
  let i = start;
  for (;;) {
    if (i < end && text.charCodeAt(i) === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close === -1 || close >= end) return undefined;
        value += text.slice(j, close);
        if (close + 1 < end && text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
      if (i === end) return fields;
      if (text.charCodeAt(i) !== COMMA) return undefined;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1 || comma >= end) {
        fields.push(text.slice(i, end));
        return fields;
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Splits text[start, end) at every comma, for text known to hold no quotes. */
export function splitPlainFields(text: string, start: number, end: number): string[] {
  return text.slice(start, end).split(',');
}

/** What is wrong with a line whose quoting {@link splitQuotedFields} rejected. */
export type BrokenQuoting =
  /** A quoted field opens and does not close on the line: a line break inside quotes, or a lost `"`. */
  | 'unterminated'
  /** Text follows a closing quote before the next comma (`"a"b`). */
  | 'text_after_quote';

/**
 * Tells why text[start, end) fails {@link splitQuotedFields}, for the error
 * message; only called for the one line that is reported.
 */
export function brokenQuoting(text: string, start: number, end: number): BrokenQuoting {
  let i = start;
  while (i <= end) {
    if (i < end && text.charCodeAt(i) === QUOTE) {
      let close = text.indexOf('"', i + 1);
      while (close !== -1 && close + 1 < end && text.charCodeAt(close + 1) === QUOTE) {
        close = text.indexOf('"', close + 2);
      }
      if (close === -1 || close >= end) return 'unterminated';
      if (close + 1 < end && text.charCodeAt(close + 1) !== COMMA) return 'text_after_quote';
      i = close + 2;
    } else {
      const comma = text.indexOf(',', i);
      if (comma === -1 || comma >= end) break;
      i = comma + 1;
    }
  }
  return 'text_after_quote';
}
