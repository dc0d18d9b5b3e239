/**
 * The set-up the bucket tests share: a moto server with the bucket `team`, a
 * Temporal dev server, and project folders that stand for machines sharing no
 * disk; worker processes the test starts are registered here and killed at the end.
 */
import type { ChildProcess } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { killHard } from './child-worker';
import { startMotoServer, type MotoServer } from './moto-server';
import { createProjectFixture, type ProjectFixture } from './project-fixture';
import { startDevServer } from './temporal-servers';

/** Servers, one project folder per machine, and the child processes to kill. */
export interface BucketMachines {
  readonly env: TestWorkflowEnvironment;
  readonly moto: MotoServer;
  readonly homes: readonly ProjectFixture[];
  /** Registers a worker process to SIGKILL at {@link BucketMachines.stop}. */
  track(child: ChildProcess): ChildProcess;
  /** Kills the tracked processes, stops both servers and removes the folders. */
  stop(): Promise<void>;
}

/** Starts moto (bucket `team`), a dev server and `machines` project folders. */
export async function startBucketMachines(machines: number): Promise<BucketMachines> {
  const moto = await startMotoServer();
  await moto.createBucket('team');
  const env = await startDevServer();
  const homes: ProjectFixture[] = [];
  for (let i = 0; i < machines; i++) homes.push(await createProjectFixture());
  const children: ChildProcess[] = [];
  return {
    env,
    moto,
    homes,
    track(child) {
      children.push(child);
      return child;
    },
    async stop() {
      for (const child of children) await killHard(child);
      await env.teardown();
      await moto.stop();
      for (const home of homes) await home.remove();
    },
  };
}
