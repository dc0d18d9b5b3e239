import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A fresh temporary sibling of `target` (hidden, random suffix, same directory so rename is atomic). */
export function temporarySibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
}

/** Writes and fsyncs `data` to a new temporary sibling of `target`; returns its path. */
export async function writeTemporarySibling(target: string, data: string | Uint8Array): Promise<string> {
  const tmp = temporarySibling(target);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  return tmp;
}

/** Flushes a directory's entries: a rename is durable only once its directory is synced. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `target` so that readers, and a crash at any instant, see the old or
 * the new content, never a mix: write a temporary sibling, fsync it, rename it
 * over the target, fsync the directory.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = await writeTemporarySibling(target, data);
  try {
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(target));
}
