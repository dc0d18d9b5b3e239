/**
 * What a dataset's rows are made of: how many repeat another row, and how many
 * distinct rows of each class each part of the content split holds — the
 * numbers the snapshot manifest records, the evaluation reports and the
 * minimum-rows check (`split-requirements.ts`) judges.
 */
import type { ColumnTable } from 'arquero';
import { rowContentKeys } from './row-content-keys';
import { contentSplit, splitPartOf, type SplitIndices, type SplitOptions, type SplitPart } from './split';

/**
 * Above this share of duplicate rows a dataset is "dominated by duplicates": the
 * snapshot step logs a warning and evaluation reports flag it. Not refused —
 * the content split already keeps copies out of the test rows, and the
 * minimum of distinct rows (`split-requirements.ts`) refuses files with too few
 * distinct rows however many copies they have (see data/README.md, "Duplicates").
 */
export const DUPLICATE_WARNING_SHARE = 0.5;

/** Exact duplicates among some rows. */
export interface DuplicateSummary {
  readonly rows: number;
  /** Rows that differ from every other in a feature or the label. */
  readonly distinctRows: number;
  /** `rows − distinctRows`: rows that repeat an earlier row exactly, label included. */
  readonly duplicateRows: number;
  /** `duplicateRows / rows`, 0 for no rows. */
  readonly duplicateShare: number;
  /** Feature vectors that occur with label 0 and with label 1 (the same input, both outcomes). */
  readonly conflictingFeatureVectors: number;
}

/** Distinct rows per label. */
export interface ClassCounts {
  /** Distinct rows with label 0. */
  readonly negative: number;
  /** Distinct rows with label 1. */
  readonly positive: number;
}

/** One part of the split: its rows and its distinct rows per class. */
export interface PartContent {
  readonly rows: number;
  readonly distinct: ClassCounts;
}

/** Everything {@link analyseDatasetContent} finds. */
export interface DatasetContent {
  /** The split the content was analysed for. */
  readonly options: SplitOptions;
  /** One content key per row (see `row-content-keys.ts`), under the split's seed. */
  readonly keys: BigUint64Array;
  readonly split: SplitIndices;
  /** Each part, and `all` for the whole file. */
  readonly parts: Readonly<Record<SplitPart | 'all', PartContent>>;
  readonly duplicates: DuplicateSummary;
}

/**
 * Counts exact duplicates among rows given by their content keys (a subset of a
 * table's keys counts duplicates within that subset).
 */
export function summariseDuplicates(keys: BigUint64Array): DuplicateSummary {
  const sorted = keys.slice().sort();
  let distinctRows = 0;
  let conflictingFeatureVectors = 0;
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i]!;
    if (i > 0 && key === sorted[i - 1]) continue;
    distinctRows++;
    // Sorted, the two labels of one feature vector are neighbours: ...0 then ...1.
    if (i > 0 && (key & 1n) === 1n && key >> 1n === sorted[i - 1]! >> 1n) conflictingFeatureVectors++;
  }
  const rows = keys.length;
  const duplicateRows = rows - distinctRows;
  return {
    rows,
    distinctRows,
    duplicateRows,
    duplicateShare: rows === 0 ? 0 : duplicateRows / rows,
    conflictingFeatureVectors,
  };
}

/** Duplicates among the given rows of the analysed table (e.g. the scored test rows). */
export function summariseDuplicatesAmong(content: DatasetContent, rows: ArrayLike<number>): DuplicateSummary {
  return summariseDuplicates(BigUint64Array.from({ length: rows.length }, (_, i) => content.keys[rows[i]!]!));
}

/** Counts rows and distinct rows per class, per part and for the whole file. */
function countParts(
  keys: BigUint64Array,
  split: SplitIndices,
  options: SplitOptions,
): DatasetContent['parts'] {
  const distinct = { train: [0, 0], validation: [0, 0], test: [0, 0], all: [0, 0] };
  const sorted = keys.slice().sort();
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i]!;
    if (i > 0 && key === sorted[i - 1]) continue;
    const label = Number(key & 1n);
    distinct[splitPartOf(key, options)][label]!++;
    distinct.all[label]!++;
  }
  const part = (counts: number[], rows: number): PartContent => ({
    rows,
    distinct: { negative: counts[0]!, positive: counts[1]! },
  });
  return {
    train: part(distinct.train, split.train.length),
    validation: part(distinct.validation, split.validation.length),
    test: part(distinct.test, split.test.length),
    all: part(distinct.all, keys.length),
  };
}

/**
 * Hashes every row of `table` (as the loader returns it), splits the rows by
 * content, and counts duplicates and distinct rows per class and part.
 *
 * @throws RangeError for bad split options or a label other than 0/1
 */
export async function analyseDatasetContent(
  table: ColumnTable,
  options: SplitOptions,
): Promise<DatasetContent> {
  const keys = await rowContentKeys(table, options.seed);
  const split = contentSplit(keys, options);
  return {
    options,
    keys,
    split,
    parts: countParts(keys, split, options),
    duplicates: summariseDuplicates(keys),
  };
}
