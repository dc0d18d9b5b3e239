import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalBinary } from '../../src/temporal/binaries';

const ROOT = path.resolve(__dirname, '../..');

/** Starts a real Temporal dev server (`temporal server start-dev`, in memory) for one test file. */
export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: findTemporalBinary('temporal', ROOT) },
      extraArgs: ['--log-level', 'error'],
    },
  });
}

/** Starts the time-skipping test server, for workflows whose timers run for days. */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTemporalBinary('temporal-test-server', ROOT) } },
  });
}

/** Path of the `temporal` CLI, for tests that drive it the way an engineer would. */
export function temporalCliPath(): string {
  return findTemporalBinary('temporal', ROOT);
}

export { ROOT as PROJECT_ROOT };
