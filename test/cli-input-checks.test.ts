import { runCli, type CliFailure } from './helpers/cli-runner';
import { createProjectFixture, type ProjectFixture } from './helpers/project-fixture';

/**
 * Workflow inputs the CLI can check on its own are checked before it connects
 * to Temporal (issue 12.10): pointed at an address where nothing listens, the
 * CLI must fail with the input's problem, never with a connection error — so
 * the check provably comes first and nothing is started.
 */
describe('the CLI refuses bad workflow input before it connects', () => {
  let fixture: ProjectFixture;
  const nowhere = () => ({ temporalAddress: '127.0.0.1:9', projectRoot: fixture.paths.root });

  beforeAll(async () => {
    fixture = await createProjectFixture();
  });
  afterAll(async () => {
    await fixture?.remove();
  });

  async function refusal(...args: string[]): Promise<CliFailure> {
    return runCli(nowhere(), ...args).then(
      (stdout) => {
        throw new Error(`expected a refusal, got success: ${stdout}`);
      },
      (error: unknown) => error as CliFailure,
    );
  }

  it.each([
    [
      ['evaluate', '--model-version', 'latest'],
      'version must be a version name like v20261128-133600-3f2a9c1d',
    ],
    [
      ['promote', 'v1', '--requested-by', 'ops'],
      'version must be a version name like v20261128-133600-3f2a9c1d',
    ],
    [
      ['promote', 'v20261128-133600-3f2a9c1d', '--requested-by', 'ops', '--promotion-timeout', 'soon'],
      'promotionTimeout "soon" is not a positive duration like "7 days"',
    ],
    [['promote', 'v20261128-133600-3f2a9c1d', '--requested-by', '  '], 'requestedBy must not be empty'],
    [
      ['retrain', '--experiment', 'canary'],
      `argument 'canary' is invalid. must be one of off, shadow, shadow-then-canary, got "canary"`,
    ],
    [
      ['retrain', '--experiment', 'shadow', '--canary-share', '0.2'],
      'Not started: experiment.canaryShare needs policy "shadow_then_canary" (a shadow experiment has no canary stage)',
    ],
  ])(
    '%j',
    async (args, message) => {
      const failure = await refusal(...args);
      expect(failure.code).toBe(1);
      expect(failure.stderr).toContain(message);
      expect(failure.stderr).not.toMatch(/connect|ECONNREFUSED|unavailable/i);
    },
    60_000,
  );
});
