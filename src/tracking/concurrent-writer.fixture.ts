/**
 * Child process of the concurrency test (run with `node --require tsx/cjs`):
 * starts `count` runs of its own and logs one epoch per run into a run shared
 * by every writer, so the test can count lost updates.
 *
 * argv: runsDir worker count sharedId. With MLOPS_STORE=s3://… set, the
 * records go to that store's tracking area instead (runsDir is then ignored).
 */
import { openSharedStores, parseStoreConfig } from '../storage';
import { RunStore } from './run-store';

async function main(): Promise<void> {
  const [runsDir, worker, count, sharedId] = process.argv.slice(2);
  if (!runsDir || !worker || !count || !sharedId) throw new Error('usage: runsDir worker count sharedId');
  const shared = openSharedStores(parseStoreConfig());
  const store = shared ? RunStore.onStore(shared.tracking) : new RunStore(runsDir);
  // A long parameter makes each file span many write() calls, so a torn write would show.
  const padding = 'x'.repeat(64 * 1024);
  for (let j = 0; j < Number(count); j++) {
    const id = `w${worker}-r${j}`;
    await store.start({
      id,
      kind: 'evaluation',
      workflowId: `wf-${worker}`,
      runId: `run-${j}`,
      params: { worker: Number(worker), j, padding },
      startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, j)).toISOString(),
    });
    await store.logEpoch(sharedId, { epoch: Number(worker) * 1000 + j, loss: j });
    await store.finish(id, { status: 'completed', endedAt: new Date().toISOString(), metrics: { j } });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
