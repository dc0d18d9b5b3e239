import { createHash } from 'node:crypto';

/** sha256 of `bytes`, lowercase hex: the checksum every store records and verifies. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** md5 of `bytes`, lowercase hex (DVC's content address). */
export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * The ETag S3 gives an object written in one PUT: its md5 in double quotes. The
 * local store uses the same form so callers treat ETags alike everywhere (they
 * are opaque tokens for `putIfMatch`, never parsed).
 */
export function md5ETag(bytes: Uint8Array): string {
  return `"${md5Hex(bytes)}"`;
}
