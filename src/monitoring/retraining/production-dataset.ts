/**
 * A new training dataset from the current one plus production rows whose
 * outcomes arrived: each labelled prediction becomes a dataset row (its logged
 * input columns, `match_success` = the outcome). Rows already in the dataset,
 * or twice among the production rows, are left out (so building again from
 * the result adds nothing twice); the whole file is then validated like any
 * dataset before it is returned. The result goes through the normal
 * snapshot → train → compare → approval path.
 */
import { assertBothLabelClasses, parseDatasetBytes } from '../../data';
import { DatasetValidationError } from '../../data/errors';
import { COLUMN_NAMES, LABEL_COLUMN } from '../../data/schema';
import type { LabelledPrediction } from '../outcomes';

/** What the build did. */
export interface ProductionDatasetResult {
  /** The new dataset, canonical column order, `\n` line ends. */
  readonly csv: string;
  readonly currentRows: number;
  readonly productionRows: number;
  /** Production rows added. */
  readonly added: number;
  /** Production rows left out because the same row (features and label) was already there. */
  readonly duplicates: number;
}

/** A number in positional notation (the loader refuses exponents), as JS's shortest round-trip digits. */
function positional(n: number): string {
  const text = String(n);
  return text.includes('e') ? n.toFixed(20).replace(/\.?0+$/, '') : text;
}

/** A cell as CSV text, losslessly. */
function cell(value: unknown): string {
  const text = typeof value === 'number' ? positional(value) : typeof value === 'string' ? value : '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(values: Readonly<Record<string, unknown>>): string {
  return COLUMN_NAMES.map((c) => cell(values[c])).join(',');
}

/**
 * Builds the extended dataset.
 *
 * @param current - the current dataset's bytes
 * @param currentFile - its name, for error messages
 * @param labelled - production predictions with their outcomes
 * @param outputName - the new file's name, for error messages
 * @throws DatasetValidationError when the current dataset, or the result, is
 *   not a valid dataset; a bad production row is named by its prediction id
 */
export function buildProductionDataset(
  current: Buffer,
  currentFile: string,
  labelled: readonly LabelledPrediction[],
  outputName: string,
): ProductionDatasetResult {
  const table = parseDatasetBytes(current, currentFile);
  const lines = [COLUMN_NAMES.join(',')];
  const seen = new Set<string>();
  for (const row of table.objects() as Array<Record<string, unknown>>) {
    const text = line(row);
    seen.add(text);
    lines.push(text);
  }
  const currentRows = lines.length - 1;
  const sources: string[] = [];
  let duplicates = 0;
  for (const { prediction, outcome } of labelled) {
    const text = line({ ...prediction.input, [LABEL_COLUMN]: outcome.matchSuccess });
    if (seen.has(text)) {
      duplicates++;
      continue;
    }
    seen.add(text);
    lines.push(text);
    sources.push(prediction.id);
  }
  const csv = `${lines.join('\n')}\n`;
  try {
    assertBothLabelClasses(parseDatasetBytes(Buffer.from(csv), outputName), outputName);
  } catch (error) {
    // Point at the prediction a bad production line came from (line 2 is the first data row).
    if (error instanceof DatasetValidationError && error.row !== undefined && error.row - 2 >= currentRows) {
      const id = sources[error.row - 2 - currentRows];
      throw new DatasetValidationError({
        file: error.file,
        problem: error.problem,
        ...(error.column === undefined ? {} : { column: error.column }),
        row: error.row,
        detail: `${error.detail} (production row of prediction ${id})`,
      });
    }
    throw error;
  }
  return { csv, currentRows, productionRows: labelled.length, added: sources.length, duplicates };
}
