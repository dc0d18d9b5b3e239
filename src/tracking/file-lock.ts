/**
 * A lock file created with O_EXCL (`open(…, 'wx')`, see src/fs/lock-file.ts),
 * for short read-modify-write sections that several processes, possibly on
 * several hosts sharing a volume, may run at once. A lock left behind by a
 * crashed process is broken once it is older than `staleMs`.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { breakStaleLock, createLockFile, statLockFile } from '../fs/lock-file';
import { TrackingError, TrackingErrorCode } from './errors';

/** How long to wait for a lock and when to consider one abandoned. */
export interface FileLockOptions {
  /**
   * A lock file older than this is assumed to belong to a crashed process and
   * is broken. Must be far longer than any critical section (those here take
   * milliseconds).
   * @default 30_000
   */
  readonly staleMs: number;
  /**
   * Give up (LOCK_TIMEOUT) after waiting this long.
   * @default 60_000
   */
  readonly timeoutMs: number;
  /**
   * Base pause between attempts; each pause is jittered up to twice this so
   * waiting processes do not retry in lock-step.
   * @default 5
   */
  readonly retryMs: number;
}

/** Defaults of {@link FileLockOptions}. */
export const DEFAULT_FILE_LOCK_OPTIONS: FileLockOptions = { staleMs: 30_000, timeoutMs: 60_000, retryMs: 5 };

/** Re-reads the lock file and throws unless this holder still owns it. */
export type AssertLockHeld = () => Promise<void>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readToken(lockPath: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await fs.readFile(lockPath, 'utf8')) as { token?: string }).token;
  } catch {
    return undefined; // gone, or caught between create and write: not ours either way
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<string> {
  const token = randomBytes(12).toString('hex');
  const content = JSON.stringify({
    token,
    pid: process.pid,
    host: os.hostname(),
    at: new Date().toISOString(),
  });
  const deadline = Date.now() + options.timeoutMs;
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  for (;;) {
    if (await createLockFile(lockPath, content)) return token;
    const stat = await statLockFile(lockPath); // undefined: released meanwhile, try again now
    if (stat && Date.now() - stat.mtimeMs > options.staleMs) {
      await breakStaleLock(lockPath, stat.ino);
      continue;
    }
    if (Date.now() > deadline) {
      throw new TrackingError(
        TrackingErrorCode.LockTimeout,
        `could not lock ${lockPath} within ${options.timeoutMs} ms`,
        lockPath,
      );
    }
    if (stat) await sleep(options.retryMs * (1 + Math.random()));
  }
}

/**
 * Runs `critical` while holding the lock file `lockPath`, and releases it after,
 * also when `critical` throws. The release removes the file only if it still
 * holds our token, so a holder that overran `staleMs` never deletes the lock of
 * whoever broke it.
 *
 * @param critical - receives {@link AssertLockHeld}; call it just before the
 *   write that must not race
 * @throws TrackingError LOCK_TIMEOUT
 */
export async function withFileLock<T>(
  lockPath: string,
  options: FileLockOptions,
  critical: (assertHeld: AssertLockHeld) => Promise<T>,
): Promise<T> {
  const token = await acquire(lockPath, options);
  const assertHeld: AssertLockHeld = async () => {
    if ((await readToken(lockPath)) !== token) {
      throw new TrackingError(
        TrackingErrorCode.LockTimeout,
        `lost the lock ${lockPath}: held longer than ${options.staleMs} ms and broken as stale`,
        lockPath,
      );
    }
  };
  try {
    return await critical(assertHeld);
  } finally {
    if ((await readToken(lockPath)) === token) await fs.rm(lockPath, { force: true });
  }
}
