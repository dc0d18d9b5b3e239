/** Saving and loading a fitted preprocessor as `<dir>/preprocessor.json`. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../fs/atomic-write';
import { PreprocessorFileError } from './errors';
import {
  PREPROCESSOR_FORMAT_VERSION,
  preprocessorStateSchema,
  type PreprocessorState,
} from './preprocessor-state';

/** File name of the saved preprocessor inside a model directory. */
export const PREPROCESSOR_FILE = 'preprocessor.json';

/**
 * Writes `<dir>/preprocessor.json` atomically: a temporary sibling is written,
 * fsynced and renamed over the target, so a reader (or a crash) sees the old or
 * the new file, never half of one. Creates `dir` if needed.
 */
export async function savePreprocessor(dir: string, state: PreprocessorState): Promise<void> {
  await writeJsonAtomic(path.join(dir, PREPROCESSOR_FILE), state);
}

/**
 * Reads and validates `<dir>/preprocessor.json`.
 *
 * @throws PreprocessorFileError naming the file and, for schema problems, the first bad field
 *   (a wrong `formatVersion` is reported before anything else)
 */
export async function loadPreprocessor(dir: string): Promise<PreprocessorState> {
  const file = path.join(dir, PREPROCESSOR_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new PreprocessorFileError(file, undefined, `cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PreprocessorFileError(file, undefined, `is not valid JSON (${(error as Error).message})`);
  }
  const version =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>).formatVersion : undefined;
  if (version !== PREPROCESSOR_FORMAT_VERSION) {
    throw new PreprocessorFileError(
      file,
      'formatVersion',
      `expected ${PREPROCESSOR_FORMAT_VERSION}, found ${JSON.stringify(version)}`,
    );
  }
  const parsed = preprocessorStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    throw new PreprocessorFileError(file, field === '' ? undefined : field, issue?.message ?? 'invalid');
  }
  return parsed.data;
}
