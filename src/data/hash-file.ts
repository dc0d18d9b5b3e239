/**
 * Content digests of dataset files. md5 names snapshots (it is what DVC 3 uses
 * for its cache paths); sha256 is kept alongside because md5 is not collision
 * resistant and a manifest should carry one digest that is.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Digests and size of a file's bytes. */
export interface FileDigest {
  /** Lowercase hex md5, 32 characters. */
  readonly md5: string;
  /** Lowercase hex sha256, 64 characters. */
  readonly sha256: string;
  readonly sizeBytes: number;
}

/**
 * Hashes a file in one streaming read, feeding both digests from each chunk,
 * so memory stays flat whatever the file size.
 *
 * @throws the stream's error (ENOENT, EISDIR…) when the file cannot be read
 */
export async function hashFile(path: string): Promise<FileDigest> {
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    md5.update(bytes);
    sha256.update(bytes);
    sizeBytes += bytes.length;
  }
  return { md5: md5.digest('hex'), sha256: sha256.digest('hex'), sizeBytes };
}

/** The same digests for bytes already in memory (the snapshot store hashes exactly what it validated). */
export function hashBytes(bytes: Uint8Array): FileDigest {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
  };
}
