import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsyncDirectory, temporarySibling } from '../fs/atomic-write';

export { fsyncDirectory, writeFileAtomic, writeJsonAtomic } from '../fs/atomic-write';

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
