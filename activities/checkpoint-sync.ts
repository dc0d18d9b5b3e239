import { promises as fs } from 'node:fs';
import path from 'node:path';
import { safeSegment } from '../src/config/scratch-dir';
import { CHECKPOINT_FILE } from '../src/model/checkpoint';
import type { ActivityDeps } from './deps';

/** Where a retrain's training checkpoint lives in the shared store: `<workflow>/checkpoint/checkpoint.json`. */
function checkpointKey(workflowId: string): string {
  return `${safeSegment(workflowId)}/checkpoint/${CHECKPOINT_FILE}`;
}

/**
 * Brings the last checkpoint of `workflowId` from the shared store into
 * `checkpointDir` when this machine has none — a retry on another machine
 * after the first one died then resumes from the last epoch instead of
 * restarting. No store: nothing to do (the folder is the only copy).
 */
export async function restoreCheckpoint(
  deps: ActivityDeps,
  workflowId: string,
  checkpointDir: string,
): Promise<void> {
  if (!deps.workStore) return;
  const local = path.join(checkpointDir, CHECKPOINT_FILE);
  if (
    await fs.access(local).then(
      () => true,
      () => false,
    )
  )
    return;
  const stored = await deps.workStore.getIfExists(checkpointKey(workflowId));
  if (!stored) return;
  await fs.mkdir(checkpointDir, { recursive: true });
  await fs.writeFile(local, stored.bytes);
  deps.logger.info({ workflowId, bytes: stored.bytes.length }, 'training checkpoint restored from the store');
}

/** Uploads the checkpoint just written (called after every epoch; the file is replaced whole). */
export async function saveCheckpoint(
  deps: ActivityDeps,
  workflowId: string,
  checkpointDir: string,
): Promise<void> {
  if (!deps.workStore) return;
  const bytes = await fs.readFile(path.join(checkpointDir, CHECKPOINT_FILE)).catch(() => undefined);
  if (bytes) await deps.workStore.put(checkpointKey(workflowId), bytes);
}

/** Removes the stored checkpoint once the version is published (the local one is removed by training). */
export async function dropCheckpoint(deps: ActivityDeps, workflowId: string): Promise<void> {
  if (deps.workStore) await deps.workStore.delete(checkpointKey(workflowId));
}
