/**
 * Runs one production switch in its own process and kills that process with
 * SIGKILL right after a chosen step, the way a crashed worker would stop:
 * no `finally`, no flush, nothing after the step runs. Configured by the
 * `PROMOTION_CRASH` env variable (JSON, see {@link CrashPlan}); prints
 * "switch done" if it ran to the end (which the test treats as a failure to crash).
 */
import { ModelRegistry, promoteVersion, rollbackProduction, type SwitchStep } from '../../src/registry';

/** The production switch the child runs. */
export type SwitchOperation =
  | { readonly operation: 'promote'; readonly version: string; readonly expectedProduction: string | null }
  | { readonly operation: 'rollback'; readonly expected: { production: string; previous: string } };

/** What the child does. */
export type CrashPlan = SwitchOperation & {
  readonly modelsDir: string;
  /** The step after which the process kills itself. */
  readonly killAfter: SwitchStep;
};

async function main(): Promise<void> {
  const plan = JSON.parse(process.env.PROMOTION_CRASH ?? '') as CrashPlan;
  const registry = new ModelRegistry(plan.modelsDir);
  const onStep = (step: SwitchStep) => {
    if (step === plan.killAfter) process.kill(process.pid, 'SIGKILL');
  };
  if (plan.operation === 'promote') {
    await promoteVersion(registry, plan.version, plan.expectedProduction ?? undefined, { onStep });
  } else {
    await rollbackProduction(registry, plan.expected, { onStep });
  }
  console.log('switch done');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
