import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { findTemporalBinary } from '../../temporal/binaries';
import { devServerSearchAttributeFlags } from '../../temporal/search-attributes';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Keeps the SDK's own logs to warnings so test output stays readable. The
 * Runtime is per process and can be installed once, before anything uses it.
 */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'DEBUG' : 'WARN') });
  } catch {
    // already installed by an earlier test file in this process
  }
}

/** Starts a real Temporal dev server (`temporal server start-dev`, in memory) for one test file. */
export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: findTemporalBinary('temporal', ROOT) },
      extraArgs: ['--log-level', 'error', ...devServerSearchAttributeFlags()],
    },
  });
}

/** Starts the time-skipping test server, for workflows whose timers run for days. */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTemporalBinary('temporal-test-server', ROOT) } },
  });
}

/** Path of the `temporal` CLI, for tests that drive it the way an engineer would. */
export function temporalCliPath(): string {
  return findTemporalBinary('temporal', ROOT);
}

export { ROOT as PROJECT_ROOT };
