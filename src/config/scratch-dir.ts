/**
 * Folder names built from identifiers that someone else chose. A Temporal
 * workflow ID is any string up to 1000 characters — `../../home/x` included —
 * so it must not be joined into a path as it is.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

/** Characters kept as they are; everything else is percent-encoded byte by byte. */
const SAFE = /^[A-Za-z0-9_.-]$/;

/** Longest folder name produced; longer encodings are shortened with a digest (file systems stop at 255 bytes). */
const MAX_SEGMENT = 200;

/**
 * Turns any string into one safe folder name, deterministically (the same ID
 * always gives the same name, so a retried activity finds its checkpoint):
 * letters, digits, `_`, `-` and `.` stay, other bytes become `%XX`, a leading
 * `.` becomes `%2E` (so `.` and `..` cannot come out), and a name longer than
 * 200 characters keeps its first 150 and adds a sha256 prefix of the whole ID.
 * Workflow IDs such as `retrain-matchmaking-<md5>` come out unchanged.
 *
 * @param id - e.g. a workflow ID
 * @returns a name with no `/`, no NUL, not `.` or `..`, at most 200 characters
 */
export function safeSegment(id: string): string {
  let encoded = '';
  for (const char of id) {
    encoded += SAFE.test(char)
      ? char
      : Array.from(
          Buffer.from(char, 'utf8'),
          (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
        ).join('');
  }
  if (encoded.startsWith('.')) encoded = `%2E${encoded.slice(1)}`;
  if (encoded.length === 0) encoded = '%';
  if (encoded.length <= MAX_SEGMENT) return encoded;
  const digest = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 32);
  return `${encoded.slice(0, 150)}~${digest}`;
}

/**
 * `<workDir>/<safe workflow ID>`: a workflow run's scratch folder (training
 * checkpoints), always directly inside `workDir` whatever the ID holds.
 *
 * @param workDir - the configured work root (`work/`)
 * @param workflowId - the workflow's ID, as Temporal reports it
 */
export function workflowScratchDir(workDir: string, workflowId: string): string {
  return path.join(workDir, safeSegment(workflowId));
}
