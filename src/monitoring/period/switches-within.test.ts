import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelRegistry } from '../../registry';
import { recordSwitchOnStore } from '../../registry/on-store/switch-log';
import { appendSwitchHistory } from '../../registry/switch-history';
import { LocalArtifactStore } from '../../storage';
import { switchesWithin } from './measure-period';

const V1 = 'v20261101-000000-aaaaaaaa';
const V2 = 'v20261120-000000-bbbbbbbb';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'switches-within-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const around = (at: Date, hours: number) => ({
  start: new Date(at.getTime() - hours * 3_600_000),
  end: new Date(at.getTime() + hours * 3_600_000),
});

describe('switchesWithin', () => {
  it('reads the switches of a registry folder (history.jsonl) inside the window only', async () => {
    const registry = new ModelRegistry(path.join(dir, 'models'));
    await fs.mkdir(path.join(dir, 'models'), { recursive: true });
    await appendSwitchHistory(registry, { action: 'promote', production: V1, previous: null });
    await appendSwitchHistory(registry, { action: 'promote', production: V2, previous: V1 });
    const changes = await switchesWithin(registry, around(new Date(), 1));
    expect(changes.map(({ from, to }) => ({ from, to }))).toEqual([
      { from: null, to: V1 },
      { from: V1, to: V2 },
    ]);
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    expect(await switchesWithin(registry, around(lastWeek, 1))).toEqual([]);
  });

  it('reads the switches of a registry in a store (its history/ objects), not a local file', async () => {
    const store = new LocalArtifactStore(path.join(dir, 'bucket'));
    const registry = new ModelRegistry(path.join(dir, 'cache'), { store });
    const inside = new Date('2026-11-25T12:00:00Z');
    await recordSwitchOnStore(store, 1, { action: 'promote', production: V1, previous: null }, inside);
    await recordSwitchOnStore(
      store,
      2,
      { action: 'rollback', production: V1, previous: V2 },
      new Date('2026-11-28T12:00:00Z'),
    );
    expect(await switchesWithin(registry, around(inside, 24))).toEqual([
      { at: inside.toISOString(), from: null, to: V1 },
    ]);
  });
});
