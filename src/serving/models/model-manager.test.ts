/**
 * The reload serialisation of ModelManager, with a fake registry and fake
 * scorers (the real load path is covered by test/serving/reload.test.ts and
 * the hot-swap test): calls made during a load are answered by one more look
 * after it, and reloads keep working after any number of such overlaps.
 */
import type { ModelRegistry } from '../../registry';
import type { VersionScorer } from '../../pipeline/version-scorer';
import { createServingMetrics } from '../metrics';
import { ModelManager } from './model-manager';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function setUp() {
  const state = { production: 'v20260101-000000-aaaaaaaa', loads: [] as string[] };
  let release: (() => void) | undefined;
  const gate = { hold: false };
  const registry = {
    productionVersion: () => Promise.resolve(state.production),
    verifiedVersionDir: () => Promise.resolve('/nowhere'),
  } as unknown as ModelRegistry;
  const loadScorer = async (_registry: ModelRegistry, version: string): Promise<VersionScorer> => {
    state.loads.push(version);
    if (gate.hold) await new Promise<void>((resolve) => (release = resolve));
    return {
      version,
      preprocessor: {} as VersionScorer['preprocessor'],
      encode: () => ({}) as ReturnType<VersionScorer['encode']>,
      predict: () => Float32Array.of(0.5),
      dispose: () => undefined,
    };
  };
  const manager = new ModelManager({ registry, metrics: createServingMetrics(), logger: silent, loadScorer });
  return { state, gate, manager, release: () => release?.() };
}

it('answers calls made during a load with one more look after it, again and again', async () => {
  const { state, gate, manager, release } = setUp();
  await manager.reload('startup');
  expect(manager.productionVersion).toBe('v20260101-000000-aaaaaaaa');

  for (const [i, next] of ['bbbbbbbb', 'cccccccc', 'dddddddd'].entries()) {
    const first = `v2026010${i + 2}-000000-${next}`;
    const second = `v2026010${i + 2}-000001-${next}`;
    gate.hold = true;
    state.production = first;
    const running = manager.reload('poll');
    await new Promise((resolve) => setImmediate(resolve));
    // Production moves again while the first load runs; two calls arrive meanwhile.
    state.production = second;
    const [a, b] = [manager.reload('poll'), manager.reload('notify')];
    expect(a).toBe(b);
    gate.hold = false;
    release();
    expect(await running).toMatchObject({ production: first, changed: true });
    expect(await b).toMatchObject({ production: second, changed: true });
    expect(manager.productionVersion).toBe(second);
  }
  // And a plain reload after all that still looks.
  state.production = 'v20260201-000000-eeeeeeee';
  expect(await manager.reload('notify')).toMatchObject({ production: 'v20260201-000000-eeeeeeee', changed: true });
});

it('keeps serving when models/production cannot be read', async () => {
  const { manager } = setUp();
  await manager.reload('startup');
  const broken = manager as unknown as { options: { registry: { productionVersion: () => Promise<string> } } };
  broken.options.registry.productionVersion = () => Promise.reject(new Error('EIO'));
  expect(await manager.reload('poll')).toMatchObject({ production: 'v20260101-000000-aaaaaaaa', changed: false, error: 'EIO' });
  expect(manager.productionVersion).toBe('v20260101-000000-aaaaaaaa');
});
