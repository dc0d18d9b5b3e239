/**
 * Reads an outcomes CSV: a header with `prediction_id` and `match_success`
 * (and optionally `observed_at`), in any order, then one outcome per line.
 * The whole file is validated before anything is stored, so a bad file is
 * refused whole with the line and column at fault.
 */
import {
  contentEnd,
  decodeCsvText,
  lineBreakAt,
  splitQuotedFields,
  trimCarriageReturn,
} from '../../data/csv-text';
import { type Outcome, OutcomeInputError, outcomeInputSchema, toOutcome } from './outcome';

/** Columns of an outcomes CSV. */
export const OUTCOME_CSV_COLUMNS = ['prediction_id', 'match_success', 'observed_at'] as const;
const REQUIRED = ['prediction_id', 'match_success'];

/** An outcome and the CSV line it came from. */
export interface OutcomeCsvRow {
  readonly line: number;
  readonly outcome: Outcome;
}

/**
 * Parses and validates an outcomes CSV.
 *
 * @param file - the name used in error messages
 * @throws OutcomeInputError naming the file, line and column at fault
 */
export function parseOutcomesCsv(input: Uint8Array | string, file: string): OutcomeCsvRow[] {
  const text = decodeCsvText(input);
  const end = contentEnd(text);
  if (end === 0) throw new OutcomeInputError(`${file}: the file is empty (expected a header line)`, file, 1);
  const headerBreak = lineBreakAt(text, 0, end);
  const header = splitQuotedFields(text, 0, trimCarriageReturn(text, 0, headerBreak));
  if (!header) throw new OutcomeInputError(`${file} line 1: broken quoting in the header`, file, 1);
  const names = header.map((h) => h.trim());
  for (const name of names) {
    if (!(OUTCOME_CSV_COLUMNS as readonly string[]).includes(name)) {
      throw new OutcomeInputError(
        `${file} line 1: unknown column "${name}" (expected ${OUTCOME_CSV_COLUMNS.join(', ')})`,
        file,
        1,
        name,
      );
    }
    if (names.indexOf(name) !== names.lastIndexOf(name)) {
      throw new OutcomeInputError(`${file} line 1: column "${name}" appears twice`, file, 1, name);
    }
  }
  for (const name of REQUIRED) {
    if (!names.includes(name)) {
      throw new OutcomeInputError(`${file} line 1: missing column "${name}"`, file, 1, name);
    }
  }

  const rows: OutcomeCsvRow[] = [];
  let line = 1;
  for (let start = headerBreak + 1; start < end;) {
    line++;
    const lineBreak = lineBreakAt(text, start, end);
    const lineEnd = trimCarriageReturn(text, start, lineBreak);
    const fields = splitQuotedFields(text, start, lineEnd);
    start = lineBreak + 1;
    if (!fields) throw new OutcomeInputError(`${file} line ${line}: broken quoting`, file, line);
    if (fields.length === 1 && fields[0]!.trim() === '') {
      throw new OutcomeInputError(`${file} line ${line}: empty line`, file, line);
    }
    if (fields.length !== names.length) {
      throw new OutcomeInputError(
        `${file} line ${line}: ${fields.length} fields, the header has ${names.length}`,
        file,
        line,
      );
    }
    const record: Record<string, string | number> = {};
    names.forEach((name, k) => {
      const value = fields[k]!.trim();
      if (name === 'match_success') record[name] = value === '0' ? 0 : value === '1' ? 1 : value;
      else if (!(name === 'observed_at' && value === '')) record[name] = value;
    });
    const parsed = outcomeInputSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? '');
      const value = record[column];
      throw new OutcomeInputError(
        `${file} line ${line}, column ${column}: ${JSON.stringify(value ?? '')} ${issue.message}`,
        file,
        line,
        column,
      );
    }
    rows.push({ line, outcome: toOutcome(parsed.data) });
  }
  return rows;
}
