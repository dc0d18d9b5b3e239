import type { ExpectedDigests } from './artifact-store';
import { md5Hex, sha256Hex } from './digests';
import { StoreError, StoreErrorCode } from './errors';

/**
 * Checks bytes read from `location`/`key` against the sha256 values the store
 * recorded for them (any one may match: the local store briefly accepts the
 * old and the new digest while it replaces an object) and against what the
 * caller expects.
 *
 * @throws StoreError CORRUPTED naming the key and the digests that differ
 */
export function verifyObject(
  location: string,
  key: string,
  bytes: Uint8Array,
  recordedSha256: readonly string[] | undefined,
  expected: ExpectedDigests = {},
): void {
  const sha256 = sha256Hex(bytes);
  const corrupted = (what: string) =>
    new StoreError(
      StoreErrorCode.Corrupted,
      `object "${key}" in ${location} is corrupted: its ${bytes.length} bytes have sha256 ${sha256.slice(0, 12)}… but ${what}`,
      key,
    );
  if (recordedSha256 !== undefined && !recordedSha256.includes(sha256)) {
    throw corrupted(`the store recorded ${recordedSha256.map((s) => `${s.slice(0, 12)}…`).join(' or ')}`);
  }
  if (expected.sha256 !== undefined && expected.sha256 !== sha256) {
    throw corrupted(`the caller expected ${expected.sha256.slice(0, 12)}…`);
  }
  if (expected.md5 !== undefined) {
    const md5 = md5Hex(bytes);
    if (md5 !== expected.md5) throw corrupted(`md5 ${md5} is not the expected ${expected.md5}`);
  }
}
