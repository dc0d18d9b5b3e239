import { promises as fs } from 'node:fs';
import path from 'node:path';
import { breakStaleLock, createLockFile, statLockFile } from '../fs/lock-file';
import { RegistryError, RegistryErrorCode } from './errors';

/** Who holds a model lock: a workflow execution. */
export interface LockHolder {
  readonly workflowId: string;
  readonly runId: string;
  readonly acquiredAt: string;
}

/** Answers whether the holder of a lock is still running (asked of Temporal by the activity). */
export type HolderLiveness = (holder: LockHolder) => Promise<boolean>;

/**
 * A per-model lock file created with O_EXCL (src/fs/lock-file.ts), so at most
 * one retrain per model runs at a time. A lock whose holder is no longer
 * running (terminated workflow, for example) is broken and taken over; the same workflow re-acquiring (an
 * activity retry) succeeds.
 *
 * @throws RegistryError LOCK_HELD naming the workflow that holds the lock.
 */
export async function acquireModelLock(
  locksDir: string,
  model: string,
  holder: LockHolder,
  isAlive: HolderLiveness,
): Promise<void> {
  await fs.mkdir(locksDir, { recursive: true });
  const file = path.join(locksDir, `${model}.lock`);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createLockFile(file, JSON.stringify(holder))) return;
    // The inode first: the holder read below may belong to a newer lock, never to an older one.
    const stat = await statLockFile(file);
    const current = stat && (await readHolder(file));
    if (!stat || current === undefined) continue; // released meanwhile, or torn: try again
    if (current.workflowId === holder.workflowId && current.runId === holder.runId) return;
    if (await isAlive(current)) {
      throw new RegistryError(
        RegistryErrorCode.LockHeld,
        retrainInProgressMessage(model, current),
        current.workflowId,
      );
    }
    await breakStaleLock(file, stat.ino);
  }
  throw new RegistryError(RegistryErrorCode.LockHeld, `could not acquire the lock ${file}`, file);
}

/**
 * Why a retrain of `model` cannot start while `holder` runs one: the lock's
 * refusal and the launcher's (the README quotes it).
 */
export function retrainInProgressMessage(
  model: string,
  holder: Pick<LockHolder, 'workflowId' | 'acquiredAt'>,
): string {
  return (
    `a retrain of model "${model}" is already in progress (workflow ${holder.workflowId}, since ${holder.acquiredAt}); ` +
    'approve or reject it, or wait for it to finish'
  );
}

/** Who holds the lock of `model` now, or undefined when nobody does (or the file is torn). */
export async function readModelLockHolder(locksDir: string, model: string): Promise<LockHolder | undefined> {
  return readHolder(path.join(locksDir, `${model}.lock`));
}

/** Releases the lock if `holder` holds it; a no-op otherwise (idempotent for retries). */
export async function releaseModelLock(locksDir: string, model: string, holder: LockHolder): Promise<void> {
  const file = path.join(locksDir, `${model}.lock`);
  const current = await readHolder(file);
  if (current && current.workflowId === holder.workflowId && current.runId === holder.runId) {
    await fs.rm(file, { force: true });
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}
