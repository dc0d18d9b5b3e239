/**
 * Kills a production switch with SIGKILL after each of its steps, in a child
 * process holding the model lock as a retrain would, then checks what a
 * crashed worker leaves: production is one whole version (old or new) with
 * matching checksums, the backup exists, leftovers do not confuse anyone, the
 * dead holder's lock is taken over by the next retrain, and the retry Temporal
 * would run — the same call again — finishes the switch, recording it once,
 * after which the registry keeps working. Every crash point is checked on both
 * stores: the local folder and a bucket on a real moto server (where both
 * pointers change in one conditional write, so there are fewer steps to kill at).
 */
import { promoteVersion, rollbackProduction, type ModelRegistry, type SwitchStep } from '../src/registry';
import { publishFakeVersion } from '../src/registry/registry.fixture';
import {
  createCrashRegistry,
  stopCrashRegistries,
  type CrashRegistry,
  type StoreKind,
} from './helpers/crash-registries';
import type { SwitchOperation } from './helpers/promotion-crash-child';
import { readPointers, runCrashChild, type Pointers } from './helpers/registry-invariants';

const [V0, V1, V2, V3] = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc', 'dddddddd'].map(
  (md5) => `v20261128-133600-${md5}`,
) as [string, string, string, string];

interface Scenario {
  readonly name: string;
  /** Promotions that set the registry up before the switch under test. */
  readonly setup: ReadonlyArray<[version: string, expected: string | undefined]>;
  readonly operation: SwitchOperation;
  /** Every step the switch reports on the local folder, in order. */
  readonly steps: readonly SwitchStep[];
  readonly before: Pointers;
  readonly after: Pointers;
  /** A further switch after the recovered one, and the pointers it must give. */
  readonly next: { run: (registry: ModelRegistry) => Promise<unknown>; pointers: Pointers };
}

const link = (name: 'previous' | 'production'): SwitchStep[] => [
  `${name}:linked`,
  `${name}:renamed`,
  `${name}:synced`,
];

const SCENARIOS: Scenario[] = [
  {
    name: 'promotion over a production that has a backup',
    setup: [
      [V0, undefined],
      [V1, V0],
    ],
    operation: { operation: 'promote', version: V2, expectedProduction: V1 },
    steps: ['verified', ...link('previous'), ...link('production'), 'history:appended'],
    before: { production: V1, previous: V0 },
    after: { production: V2, previous: V1 },
    next: { run: (r) => promoteVersion(r, V3, V2), pointers: { production: V3, previous: V2 } },
  },
  {
    name: 'first promotion',
    setup: [],
    operation: { operation: 'promote', version: V1, expectedProduction: null },
    steps: ['verified', ...link('production'), 'history:appended'],
    before: { production: undefined, previous: undefined },
    after: { production: V1, previous: undefined },
    next: { run: (r) => promoteVersion(r, V2, V1), pointers: { production: V2, previous: V1 } },
  },
  {
    name: 'rollback',
    setup: [
      [V1, undefined],
      [V2, V1],
    ],
    operation: { operation: 'rollback', expected: { production: V2, previous: V1 } },
    steps: ['verified', ...link('production'), ...link('previous'), 'history:appended'],
    before: { production: V2, previous: V1 },
    after: { production: V1, previous: V2 },
    next: {
      run: (r) => rollbackProduction(r, { production: V1, previous: V2 }),
      pointers: { production: V2, previous: V1 },
    },
  },
];

/** On a bucket both pointers change in one conditional write, reported as `production:renamed`. */
const STORE_STEPS: readonly SwitchStep[] = ['verified', 'production:renamed', 'history:appended'];

const MODEL = 'matchmaking';
const CRASHED = {
  workflowId: 'retrain-crashed',
  runId: 'run-crashed',
  acquiredAt: new Date(0).toISOString(),
};
const NEXT = { workflowId: 'retrain-next', runId: 'run-next', acquiredAt: new Date(1).toISOString() };

afterAll(() => stopCrashRegistries());

/** Runs the scenario's switch in this process (the retry a new worker would run). */
function runSwitch(registry: ModelRegistry, op: SwitchOperation, onStep?: (step: SwitchStep) => void) {
  return op.operation === 'promote'
    ? promoteVersion(registry, op.version, op.expectedProduction ?? undefined, { onStep })
    : rollbackProduction(registry, op.expected, { onStep });
}

async function prepare(kind: StoreKind, scenario: Scenario): Promise<CrashRegistry> {
  const under = await createCrashRegistry(kind);
  const { registry } = under;
  for (const version of [V0, V1, V2, V3]) await publishFakeVersion(registry, version);
  for (const [version, expected] of scenario.setup) await promoteVersion(registry, version, expected);
  expect(await readPointers(registry)).toEqual(scenario.before);
  return under;
}

/** The history's switch records for this scenario's switch. */
function switchRecords(scenario: Scenario, history: Array<[string, string, string | null]>) {
  const action = scenario.operation.operation;
  return history.filter(([a, production]) => a === action && production === scenario.after.production);
}

const CASES = (['local', 's3'] as const).flatMap((kind) =>
  SCENARIOS.map((scenario) => ({
    kind,
    scenario,
    name: scenario.name,
    steps: kind === 'local' ? scenario.steps : STORE_STEPS,
  })),
);

describe.each(CASES)('$name on the $kind store killed with SIGKILL', ({ kind, scenario, steps }) => {
  it('reports the steps the crash test kills after', async () => {
    const under = await prepare(kind, scenario);
    const seen: SwitchStep[] = [];
    await runSwitch(under.registry, scenario.operation, (step) => seen.push(step));
    expect(seen).toEqual(steps);
    await under.expectPointersWhole(scenario.after);
  });

  it.each(steps.map((step, index) => ({ step, index })))(
    'after step $index ($step): one whole version in production, and the retry finishes the switch',
    async ({ step, index }) => {
      const under = await prepare(kind, scenario);
      const { registry } = under;
      const historyBefore = await under.history();
      const outcome = await runCrashChild({
        ...scenario.operation,
        ...under.where,
        lock: { model: MODEL, holder: CRASHED },
        killAfter: step,
      });
      expect(outcome).toMatchObject({ signal: 'SIGKILL', stdout: '' });

      // What the crash left: each pointer is old or new according to the switches that happened, whole.
      const reached = (s: SwitchStep) => steps.includes(s) && index >= steps.indexOf(s);
      const previousSwitched = kind === 'local' ? reached('previous:renamed') : reached('production:renamed');
      const left: Pointers = {
        production: reached('production:renamed') ? scenario.after.production : scenario.before.production,
        previous: previousSwitched ? scenario.after.previous : scenario.before.previous,
      };
      await under.expectPointersWhole(left);
      if (left.production !== undefined && scenario.before.previous !== undefined) {
        expect(left.previous).toBeDefined(); // a backup whenever there was one before
      }
      expect(await under.leftovers()).toHaveLength(step.endsWith(':linked') ? 1 : 0);
      expect(switchRecords(scenario, await under.history())).toHaveLength(
        step === 'history:appended' ? 1 : 0,
      );

      // The dead worker's lock outlives it; the next retrain, told by Temporal the holder is gone, takes it over.
      expect(await under.lockHolder(MODEL)).toEqual(CRASHED);
      await under.acquireLock(MODEL, NEXT, (holder) =>
        Promise.resolve(holder.workflowId !== CRASHED.workflowId),
      );
      expect(await under.lockHolder(MODEL)).toEqual(NEXT);

      // Temporal's retry: the same call again, as the activity's next attempt would make it.
      await expect(runSwitch(registry, scenario.operation)).resolves.toMatchObject({
        production: scenario.after.production,
      });
      await under.expectPointersWhole(scenario.after);
      expect(await under.leftovers()).toEqual([]);
      const historyAfter = await under.history();
      expect(historyAfter.slice(0, historyBefore.length)).toEqual(historyBefore);
      expect(historyAfter.slice(historyBefore.length)).toEqual([
        [scenario.operation.operation, scenario.after.production, scenario.after.previous ?? null],
      ]);
      await under.releaseLock(MODEL, NEXT);
      expect(await under.lockHolder(MODEL)).toBeUndefined();

      // And the registry keeps working: the next switch succeeds.
      await scenario.next.run(registry);
      await under.expectPointersWhole(scenario.next.pointers);
    },
  );
});
