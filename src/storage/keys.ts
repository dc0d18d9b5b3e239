import { StoreError, StoreErrorCode } from './errors';

/**
 * Object keys are `/`-separated relative names (`files/md5/ab/cdef…`,
 * `registry/pointers.json`). A segment may not be empty, `.` or `..`, nor start
 * with `.` (the local store keeps its checksums, locks and temporary files in
 * hidden names), and no key may hold a backslash or a NUL: so a key taken from
 * a caller can never name a file outside the store's folder.
 *
 * @throws StoreError INVALID_KEY
 */
export function assertKey(key: string): void {
  const bad = (why: string) =>
    new StoreError(StoreErrorCode.InvalidKey, `"${key}" is not a valid object key: ${why}`, key);
  if (key.length === 0 || key.length > 900) throw bad('it must be 1 to 900 characters long');
  if (/[\\\0]/.test(key)) throw bad('it holds a backslash or a NUL');
  for (const segment of key.split('/')) {
    if (segment === '') throw bad('it has an empty segment (a leading, trailing or double "/")');
    if (segment.startsWith('.')) throw bad(`segment "${segment}" starts with "."`);
  }
}

/**
 * Checks a listing prefix: empty (everything) or a key-like string that may end
 * with `/`.
 *
 * @throws StoreError INVALID_KEY
 */
export function assertPrefix(prefix: string): void {
  if (prefix === '') return;
  assertKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}
