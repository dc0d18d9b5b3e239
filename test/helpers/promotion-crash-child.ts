/**
 * Runs one production switch in its own process and kills that process with
 * SIGKILL right after a chosen step, the way a crashed worker would stop:
 * no `finally`, no flush, nothing after the step runs. Like a retrain, it takes
 * the model lock first (and never gets to release it). Configured by the
 * `PROMOTION_CRASH` env variable (JSON, see {@link CrashPlan}); prints
 * "switch done" if it ran to the end (which the test treats as a failure to crash).
 */
import {
  acquireModelLock,
  ModelRegistry,
  promoteVersion,
  rollbackProduction,
  type LockHolder,
  type SwitchStep,
} from '../../src/registry';
import { acquireStoreModelLock } from '../../src/registry/on-store/model-lock';
import { openS3Store, type S3StoreConfig } from '../../src/storage';
import { MOTO_SDK_CREDENTIALS } from './moto-server';

/** The production switch the child runs. */
export type SwitchOperation =
  | { readonly operation: 'promote'; readonly version: string; readonly expectedProduction: string | null }
  | { readonly operation: 'rollback'; readonly expected: { production: string; previous: string } };

/** What the child does. */
export type CrashPlan = SwitchOperation & {
  readonly modelsDir: string;
  /** The registry's bucket (a moto server); unset: the folder `modelsDir` is the registry. */
  readonly store?: S3StoreConfig;
  /** The model lock the child takes before the switch, as the retrain holding it would. */
  readonly lock?: { readonly model: string; readonly holder: LockHolder };
  /** The step after which the process kills itself. */
  readonly killAfter: SwitchStep;
};

async function main(): Promise<void> {
  const plan = JSON.parse(process.env.PROMOTION_CRASH ?? '') as CrashPlan;
  const store = plan.store && openS3Store(plan.store, { credentials: MOTO_SDK_CREDENTIALS });
  const registry = new ModelRegistry(plan.modelsDir, store ? { store } : {});
  if (plan.lock) {
    const alive = () => Promise.resolve(true);
    if (store) await acquireStoreModelLock(store, plan.lock.model, plan.lock.holder, alive);
    else await acquireModelLock(registry.layout.locksDir, plan.lock.model, plan.lock.holder, alive);
  }
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
