import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsyncDirectory, temporarySibling } from '../fs/atomic-write';

/** The file operations of {@link replaceSymlinkAtomic}, in order, as its optional hook hears of them. */
export type LinkSwitchStep = 'linked' | 'renamed' | 'synced';

/**
 * Points `linkPath` at `target` in one step: a new symlink is created beside it
 * and renamed over the old one. rename(2) replaces the directory entry
 * atomically, so a reader resolving `linkPath` sees the old or the new target,
 * and a crash at any instant leaves one of the two (at worst plus a stray
 * temporary link, see {@link removeStaleTemporaryLinks}).
 *
 * @param target - stored as given; pass a path relative to the link's folder so
 *   the registry can be moved or mounted elsewhere.
 * @param onStep - called after each file operation (tests crash the process there)
 */
export async function replaceSymlinkAtomic(
  linkPath: string,
  target: string,
  onStep?: (step: LinkSwitchStep) => void | Promise<void>,
): Promise<void> {
  const tmp = temporarySibling(linkPath);
  await fs.symlink(target, tmp);
  await onStep?.('linked');
  try {
    await fs.rename(tmp, linkPath);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await onStep?.('renamed');
  await fsyncDirectory(path.dirname(linkPath));
  await onStep?.('synced');
}

/**
 * Removes temporary links that {@link replaceSymlinkAtomic} left beside
 * `linkPath` when its process died between creating and renaming one. Nothing
 * reads them, but they would pile up. Only symlinks named like its temporaries
 * (`.<name>.tmp-<12 hex>`) are touched.
 */
export async function removeStaleTemporaryLinks(linkPath: string): Promise<void> {
  const dir = path.dirname(linkPath);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(linkPath))}\\.tmp-[0-9a-f]{12}$`);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names.filter((n) => pattern.test(n))) {
    const file = path.join(dir, name);
    const stat = await fs.lstat(file).catch(() => undefined);
    if (stat?.isSymbolicLink()) await fs.rm(file, { force: true });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
