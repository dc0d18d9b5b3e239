/**
 * Keeping caller-supplied paths inside the folders they may use.
 *
 * Paths that arrive from outside the worker — workflow inputs started by CI,
 * the CLI or a schedule (`datasetPath`, `currentPath`) — are resolved with
 * {@link confinePath} before anything opens them: `..`, absolute paths and
 * symlinks (to a file or to a parent folder, dangling or not) may not lead
 * outside the configured root, and NUL bytes, empty or non-string paths are
 * refused. Callers must open the path it returns, not the one they were given.
 *
 * Not confined, deliberately: `drift compare -r/-c/-o` runs on the caller's own
 * machine with the caller's own permissions and no worker in between, like
 * `cat`; confining it would protect nothing. Its files are validated like any
 * dataset.
 *
 * Limits: the check and the later open are two steps, so someone who can
 * rewrite symlinks inside the root between them could still redirect the open.
 * The threat handled here is a hostile or mistaken path string, not a hostile
 * local user with write access to the data folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InvalidPathError, PathOutsideRootError } from './errors';

export { InvalidPathError, PathOutsideRootError } from './errors';

/** Symlinks followed while resolving one path before it counts as a loop (Linux's own limit). */
const MAX_SYMLINK_HOPS = 40;

/** Longest path accepted; longer ones are refused before the file system sees them. */
const MAX_PATH_LENGTH = 4096;

/** True when `candidate` is `root` or below it (both absolute and resolved). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  if (relative === '') return true;
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function assertPathString(requested: unknown): asserts requested is string {
  if (typeof requested !== 'string') {
    throw new InvalidPathError(String(requested), `expected a path (a string), got ${typeof requested}`);
  }
  if (requested.length === 0) throw new InvalidPathError(requested, 'the path is empty');
  if (requested.includes('\0')) throw new InvalidPathError(requested, 'the path contains a NUL byte');
  if (requested.length > MAX_PATH_LENGTH) {
    throw new InvalidPathError(requested, `the path is longer than ${MAX_PATH_LENGTH} characters`);
  }
}

/**
 * The real path of `absolute` with every symlink resolved, also when the path
 * (or a tail of it) does not exist yet: missing components are appended to the
 * real path of their nearest existing ancestor, and a dangling symlink is
 * followed to where it points, so it cannot smuggle a later write outside.
 */
async function resolveReal(absolute: string, requested: string, hops = 0): Promise<string> {
  try {
    return await fs.realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new InvalidPathError(requested, 'a symlink loop');
    if (code === 'ENAMETOOLONG') throw new InvalidPathError(requested, 'a path component is too long');
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const link = await fs.lstat(absolute).catch(() => undefined);
  if (link?.isSymbolicLink()) {
    if (hops >= MAX_SYMLINK_HOPS) throw new InvalidPathError(requested, 'a symlink loop');
    const target = await fs.readlink(absolute);
    const parent = await resolveReal(path.dirname(absolute), requested, hops + 1);
    return resolveReal(path.resolve(parent, target), requested, hops + 1);
  }
  const parent = path.dirname(absolute);
  if (parent === absolute) return absolute;
  return path.join(await resolveReal(parent, requested, hops), path.basename(absolute));
}

/**
 * Resolves `requested` against `base` (default: `root`) and returns its real
 * path, refusing anything that ends up outside `root` once `..` and symlinks
 * are resolved. The root itself may be a symlink (a data folder on a mounted
 * volume); what counts is where the resolved path really is. A path that does
 * not exist yet is checked through its nearest existing parent.
 *
 * @param root - the folder the path must stay in
 * @param requested - the path as the caller gave it (relative or absolute)
 * @param base - what a relative `requested` is relative to (e.g. the project root)
 * @returns the resolved real path: open this, not `requested`
 * @throws InvalidPathError for a non-string, empty, over-long or NUL-containing
 *   path, or a symlink loop
 * @throws PathOutsideRootError when the resolved path is outside `root`
 */
export async function confinePath(root: string, requested: string, base: string = root): Promise<string> {
  assertPathString(requested);
  const realRoot = await resolveReal(path.resolve(root), root);
  const realBase = base === root ? realRoot : await resolveReal(path.resolve(base), base);
  const resolved = await resolveReal(path.resolve(realBase, requested), requested);
  if (!isInside(realRoot, resolved)) throw new PathOutsideRootError(requested, realRoot);
  return resolved;
}
