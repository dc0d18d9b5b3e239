import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { RegistryError, RegistryErrorCode } from './errors';
import { VERSION_RECORD_FILES } from './layout';

/** sha256 (hex) per artifact file name. */
export type ArtifactChecksums = Record<string, string>;

/** Streams a file through sha256. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Computes the checksums of the named files in `dir`. */
export async function checksumFiles(dir: string, files: readonly string[]): Promise<ArtifactChecksums> {
  const sums: ArtifactChecksums = {};
  for (const file of [...files].sort()) sums[file] = await sha256File(path.join(dir, file));
  return sums;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Recomputes every artifact's checksum and compares it with the manifest. Every
 * file in `required` must have a well-formed sha256 in the manifest, so a
 * manifest that was edited to drop or blank an entry fails rather than
 * skipping that file's check.
 *
 * @param dir - the version folder
 * @param expected - the manifest's `files`
 * @param required - the artifact files a loadable version must have
 * @throws RegistryError CHECKSUM_MISMATCH naming the first file that differs, is missing, or has no checksum.
 */
export async function verifyChecksums(
  dir: string,
  expected: ArtifactChecksums,
  required: readonly string[] = [],
): Promise<void> {
  for (const file of required) {
    const sum = expected[file];
    if (typeof sum !== 'string' || !SHA256_HEX.test(sum)) {
      throw new RegistryError(
        RegistryErrorCode.ChecksumMismatch,
        `${path.join(dir, VERSION_RECORD_FILES.manifest)}: files.${file} should be a sha256 in hex, found ${JSON.stringify(sum ?? null)}`,
        path.join(dir, VERSION_RECORD_FILES.manifest),
      );
    }
  }
  for (const [file, sum] of Object.entries(expected)) {
    let actual: string;
    try {
      actual = await sha256File(path.join(dir, file));
    } catch {
      throw new RegistryError(
        RegistryErrorCode.ChecksumMismatch,
        `${path.join(dir, file)} is missing or unreadable`,
        path.join(dir, file),
      );
    }
    if (actual !== sum) {
      throw new RegistryError(
        RegistryErrorCode.ChecksumMismatch,
        `${path.join(dir, file)}: sha256 ${actual.slice(0, 12)}… does not match the manifest's ${sum.slice(0, 12)}…`,
        path.join(dir, file),
      );
    }
  }
}
