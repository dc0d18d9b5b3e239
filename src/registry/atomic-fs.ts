import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Flushes a directory's entries (a rename is durable only once its directory is synced). */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function temporarySibling(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${randomBytes(6).toString('hex')}`);
}

/**
 * Writes a file so that readers see either the old or the new content, never a
 * mix: write to a temporary sibling, fsync it, rename it over the target, fsync
 * the directory.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const tmp = temporarySibling(target);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(target));
}

/** Writes JSON (two-space indented, trailing newline) atomically. */
export async function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  await writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Points `linkPath` at `target` in one step: a new symlink is created beside it
 * and renamed over the old one. rename(2) replaces the directory entry
 * atomically, so a reader resolving `linkPath` sees the old or the new target,
 * and a crash at any instant leaves one of the two.
 *
 * @param target - stored as given; pass a path relative to the link's folder so
 *   the registry can be moved or mounted elsewhere.
 */
export async function replaceSymlinkAtomic(linkPath: string, target: string): Promise<void> {
  const tmp = temporarySibling(linkPath);
  await fs.symlink(target, tmp);
  try {
    await fs.rename(tmp, linkPath);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await fsyncDirectory(path.dirname(linkPath));
}

/** Reads a symlink's target, or undefined when the link does not exist. */
export async function readSymlinkOrUndefined(linkPath: string): Promise<string | undefined> {
  try {
    return await fs.readlink(linkPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
