/**
 * The bench's datasets, made with the project's generator (`src/data/generate.ts`)
 * into the bench data folder — never into `data/`. Generation is deterministic,
 * so a file is kept between runs and made again only when its options or the
 * generator's source change (recorded in a `<name>.json` stamp beside it).
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateMatchmakingRows, rowsToCsv } from '../../src/data/generate';

/** One generated CSV. */
export interface DatasetSpec {
  /** File name without `.csv`. */
  readonly name: string;
  readonly rows: number;
  readonly seed: number;
  /** Population shift in [0, 1]; 0 is the reference population. */
  readonly drift: number;
}

const GENERATOR_SOURCES = ['generate.ts', 'population.ts', 'label-model.ts', 'random.ts', 'schema.ts'];
/** Rows generated and written at a time, so a million rows never sit in memory as objects. */
const CHUNK_ROWS = 100_000;

function generatorDigest(): string {
  const hash = createHash('sha256');
  const dir = path.resolve(__dirname, '../../src/data');
  for (const file of GENERATOR_SOURCES) hash.update(readFileSync(path.join(dir, file)));
  return hash.digest('hex');
}

/**
 * Writes `spec.rows` rows in chunks of 100,000: chunk k is
 * `generateMatchmakingRows({ rows, seed: spec.seed + k·100000, drift })`, so
 * files up to 100,000 rows are exactly what `scripts/generate-dataset.ts --rows N
 * --seed S` writes, and larger ones are equally reproducible.
 */
async function writeDataset(file: string, spec: DatasetSpec): Promise<void> {
  const partial = `${file}.partial`;
  const handle = await fs.open(partial, 'w');
  try {
    for (let start = 0; start < spec.rows; start += CHUNK_ROWS) {
      const rows = generateMatchmakingRows({
        rows: Math.min(CHUNK_ROWS, spec.rows - start),
        seed: spec.seed + start,
        drift: spec.drift,
      });
      const csv = rowsToCsv(rows);
      await handle.write(start === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
    }
  } finally {
    await handle.close();
  }
  await fs.rename(partial, file);
}

/**
 * Returns the path of the dataset, generating it first when it is missing or stale.
 *
 * @param dir - the bench data folder (created when missing)
 */
export async function ensureDataset(dir: string, spec: DatasetSpec): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${spec.name}.csv`);
  const stampFile = path.join(dir, `${spec.name}.json`);
  const stamp = JSON.stringify({ ...spec, generator: generatorDigest() });
  const [existing, size] = await Promise.all([
    fs.readFile(stampFile, 'utf8').catch(() => ''),
    fs
      .stat(file)
      .then((s) => s.size)
      .catch(() => -1),
  ]);
  if (existing === stamp && size > 0) return file;
  process.stderr.write(`generating ${spec.rows.toLocaleString('en-US')} rows into ${file}\n`);
  await writeDataset(file, spec);
  await fs.writeFile(stampFile, stamp);
  return file;
}

/** The training dataset of a size: the reference population, seed 42 (the bundled data's seed). */
export function trainingDataset(sizeName: string, rows: number): DatasetSpec {
  return { name: `train-${sizeName}`, rows, seed: 42, drift: 0 };
}

/** The drift check's 1M-row current dataset: population shifted by 0.5, another seed. */
export const DRIFT_CURRENT: DatasetSpec = {
  name: 'current-1m-drift0.5',
  rows: 1_000_000,
  seed: 7,
  drift: 0.5,
};

/** The drift check's 100k-row reference: the 100k training dataset. */
export const DRIFT_REFERENCE: DatasetSpec = trainingDataset('100k', 100_000);
