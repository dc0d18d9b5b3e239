import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsyncDirectory, writeTemporarySibling } from '../fs/atomic-write';

/**
 * Publishes `data` at `target` only if nothing is there yet, and never as a
 * partial file: the bytes are written and fsynced under a temporary name, then
 * hard-linked to `target`. link(2), unlike rename(2), fails with EEXIST instead
 * of replacing an existing file, so of two processes creating the same path
 * exactly one wins and the other sees the winner's complete file.
 *
 * @returns true when this call created the file, false when it already existed
 */
export async function createFileExclusive(target: string, data: string): Promise<boolean> {
  const tmp = await writeTemporarySibling(target, data);
  try {
    await fs.link(tmp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  await fsyncDirectory(path.dirname(target));
  return true;
}
