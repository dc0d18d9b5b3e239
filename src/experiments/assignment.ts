/**
 * Sticky arm assignment: a client is in the canary when a hash of the
 * experiment's salt and its id falls below the canary share. The same client
 * gets the same arm on every request and on every server process; raising the
 * share only adds clients (nobody already in the canary leaves it), and
 * another experiment (another salt) draws a fresh split.
 *
 * SHA-256 from node:crypto rather than a hand-written hash: well-kept, and its
 * output is uniform whatever the ids look like (sequential numbers, emails).
 */
import { createHash } from 'node:crypto';
import { MAX_CANARY_SHARE } from './settings';

/** A client's position in [0, 1) for an experiment: the first 32 bits of SHA-256(salt NUL clientKey). */
export function assignmentPoint(salt: string, clientKey: string): number {
  const digest = createHash('sha256').update(salt).update('\0').update(clientKey).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Whether a client is answered by the candidate at this share (0–0.5). */
export function inCanary(salt: string, clientKey: string, share: number): boolean {
  return share > 0 && assignmentPoint(salt, clientKey) < Math.min(share, MAX_CANARY_SHARE);
}
