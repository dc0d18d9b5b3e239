/**
 * Kills a production switch with SIGKILL after each of its steps, in a child
 * process, then checks what a crashed worker leaves: production is one whole
 * version (old or new) with matching checksums, the backup exists, leftovers do
 * not confuse anyone, and the retry Temporal would run — the same call again —
 * finishes the switch, after which the registry keeps working.
 */
import { promoteVersion, rollbackProduction, type ModelRegistry, type SwitchStep } from '../src/registry';
import { createTempRegistry, publishFakeVersion } from '../src/registry/registry.fixture';
import type { SwitchOperation } from './helpers/promotion-crash-child';
import {
  expectWholeVersion,
  historyEntries,
  readPointers,
  rootEntries,
  runCrashChild,
  type Pointers,
} from './helpers/registry-invariants';

const [V0, V1, V2, V3] = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc', 'dddddddd'].map(
  (md5) => `v20261128-133600-${md5}`,
) as [string, string, string, string];

interface Scenario {
  readonly name: string;
  /** Promotions that set the registry up before the switch under test. */
  readonly setup: ReadonlyArray<[version: string, expected: string | undefined]>;
  readonly operation: SwitchOperation;
  /** Every step the switch reports, in order. */
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

/** Runs the scenario's switch in this process (the retry a new worker would run). */
function runSwitch(registry: ModelRegistry, op: SwitchOperation, onStep?: (step: SwitchStep) => void) {
  return op.operation === 'promote'
    ? promoteVersion(registry, op.version, op.expectedProduction ?? undefined, { onStep })
    : rollbackProduction(registry, op.expected, { onStep });
}

async function prepare(scenario: Scenario): Promise<ModelRegistry> {
  const { registry } = await createTempRegistry();
  for (const version of [V0, V1, V2, V3]) await publishFakeVersion(registry, version);
  for (const [version, expected] of scenario.setup) await promoteVersion(registry, version, expected);
  expect(await readPointers(registry)).toEqual(scenario.before);
  return registry;
}

/** The history's switch records for this scenario's switch. */
function switchRecords(scenario: Scenario, history: Array<[string, string, string | null]>) {
  const action = scenario.operation.operation;
  return history.filter(([a, production]) => a === action && production === scenario.after.production);
}

async function expectPointersWhole(registry: ModelRegistry, pointers: Pointers): Promise<void> {
  expect(await readPointers(registry)).toEqual(pointers);
  if (pointers.production)
    await expectWholeVersion(registry, registry.layout.productionLink, pointers.production);
  if (pointers.previous) await expectWholeVersion(registry, registry.layout.previousLink, pointers.previous);
}

describe.each(SCENARIOS)('$name killed with SIGKILL', (scenario) => {
  it('reports the steps the crash test kills after', async () => {
    const registry = await prepare(scenario);
    const seen: SwitchStep[] = [];
    await runSwitch(registry, scenario.operation, (step) => seen.push(step));
    expect(seen).toEqual(scenario.steps);
    await expectPointersWhole(registry, scenario.after);
  });

  it.each(scenario.steps.map((step, index) => ({ step, index })))(
    'after step $index ($step): one whole version in production, and the retry finishes the switch',
    async ({ step, index }) => {
      const registry = await prepare(scenario);
      const historyBefore = await historyEntries(registry);
      const outcome = await runCrashChild({
        ...scenario.operation,
        modelsDir: registry.layout.root,
        killAfter: step,
      });
      expect(outcome).toMatchObject({ signal: 'SIGKILL', stdout: '' });

      // What the crash left: each link is old or new according to the renames that happened, whole.
      const reached = (s: SwitchStep) => scenario.steps.includes(s) && index >= scenario.steps.indexOf(s);
      const left: Pointers = {
        production: reached('production:renamed') ? scenario.after.production : scenario.before.production,
        previous: reached('previous:renamed') ? scenario.after.previous : scenario.before.previous,
      };
      await expectPointersWhole(registry, left);
      if (left.production !== undefined && scenario.before.previous !== undefined) {
        expect(left.previous).toBeDefined(); // a backup whenever there was one before
      }
      const { temporary } = await rootEntries(registry);
      expect(temporary).toHaveLength(step.endsWith(':linked') ? 1 : 0);
      expect(switchRecords(scenario, await historyEntries(registry))).toHaveLength(
        step === 'history:appended' ? 1 : 0,
      );

      // Temporal's retry: the same call again, as the activity's next attempt would make it.
      await expect(runSwitch(registry, scenario.operation)).resolves.toMatchObject({
        production: scenario.after.production,
      });
      await expectPointersWhole(registry, scenario.after);
      expect((await rootEntries(registry)).temporary).toEqual([]);
      const historyAfter = await historyEntries(registry);
      expect(historyAfter.slice(0, historyBefore.length)).toEqual(historyBefore);
      expect(historyAfter.slice(historyBefore.length)).toEqual([
        [scenario.operation.operation, scenario.after.production, scenario.after.previous ?? null],
      ]);

      // And the registry keeps working: the next switch succeeds.
      await scenario.next.run(registry);
      await expectPointersWhole(registry, scenario.next.pointers);
    },
  );
});
