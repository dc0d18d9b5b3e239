import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Thrown when a path given by a caller (CLI, CI, workflow input) would leave the
 * folder it is allowed to use, through `..` or a symlink.
 */
export class PathOutsideRootError extends Error {
  override readonly name = 'PathOutsideRootError';
  constructor(
    readonly requested: string,
    readonly root: string,
  ) {
    super(`path "${requested}" is outside the allowed folder ${root}`);
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Resolves `requested` against `base` (default: `root`) and returns its real path, refusing
 * anything that ends up outside `root` once `..` and symlinks are resolved.
 * A path that does not exist yet is checked through its nearest existing parent.
 *
 * @throws PathOutsideRootError
 */
export async function confinePath(root: string, requested: string, base: string = root): Promise<string> {
  const realRoot = await fs.realpath(root);
  const absolute = path.resolve(base === root ? realRoot : await fs.realpath(base), requested);
  if (!isInside(realRoot, absolute)) throw new PathOutsideRootError(requested, realRoot);
  let existing = absolute;
  const missing: string[] = [];
  for (;;) {
    try {
      existing = await fs.realpath(existing);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
  const resolved = path.join(existing, ...missing);
  if (!isInside(realRoot, resolved)) throw new PathOutsideRootError(requested, realRoot);
  return resolved;
}
