/**
 * Writing a file so that its final path only ever holds complete content: the
 * bytes go to a temporary sibling, are flushed to disk, and the finished file is
 * renamed into place (rename(2) is atomic within a directory). A crash at any
 * moment leaves either no file or the whole file, at worst plus a stray
 * `.name.tmp-…` sibling.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Flushes a directory's entries to disk: a rename is durable only once its directory is synced. */
async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `target` atomically and durably, creating the parent folder.
 *
 * @param mode - permission bits set before the rename, so the file is never
 *   visible at `target` with other permissions (0o444 for immutable snapshots)
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  mode: number,
): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await fs.open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await fsyncDirectory(dir);
}
