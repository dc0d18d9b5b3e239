import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RegistryErrorCode } from './errors';
import { promoteVersion, rollbackProduction, type SwitchStep } from './promotion';
import { createTempRegistry, publishFakeVersion } from './registry.fixture';

const V1 = 'v20261101-030000-aaaaaaaa';
const V2 = 'v20261128-133600-bbbbbbbb';

describe('promotion and rollback', () => {
  it('makes the first version production with no backup', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await expect(promoteVersion(registry, V1, undefined)).resolves.toEqual({
      production: V1,
      alreadyInPlace: false,
    });
    expect(await registry.productionVersion()).toBe(V1);
    expect(await registry.previousVersion()).toBeUndefined();
    // serving reads through the symlink
    const served = await fs.readFile(path.join(registry.layout.productionLink, 'model.json'), 'utf8');
    expect(JSON.parse(served)).toEqual({ version: V1 });
  });

  it('keeps the old production as the rollback target', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await promoteVersion(registry, V1, undefined);
    await expect(promoteVersion(registry, V2, V1)).resolves.toEqual({
      production: V2,
      previous: V1,
      alreadyInPlace: false,
    });
    expect(await registry.previousVersion()).toBe(V1);
  });

  it('is a no-op when the version is already production (retried activity)', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await promoteVersion(registry, V1, undefined);
    await expect(promoteVersion(registry, V1, undefined)).resolves.toMatchObject({ alreadyInPlace: true });
  });

  it('refuses when production moved since the comparison', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await promoteVersion(registry, V1, undefined);
    await expect(promoteVersion(registry, V2, undefined)).rejects.toMatchObject({
      code: RegistryErrorCode.ProductionChanged,
    });
    expect(await registry.productionVersion()).toBe(V1);
  });

  it('refuses a candidate whose artifacts do not match their checksums, leaving production alone', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await promoteVersion(registry, V1, undefined);
    await fs.writeFile(path.join(registry.layout.versionDir(V2), 'model.json'), '{}');
    await expect(promoteVersion(registry, V2, V1)).rejects.toMatchObject({
      code: RegistryErrorCode.ChecksumMismatch,
    });
    expect(await registry.productionVersion()).toBe(V1);
  });

  it('rolls back to the previous version, and rolling back again returns', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await promoteVersion(registry, V1, undefined);
    await promoteVersion(registry, V2, V1);
    await expect(rollbackProduction(registry)).resolves.toMatchObject({ production: V1, previous: V2 });
    await expect(rollbackProduction(registry)).resolves.toMatchObject({ production: V2, previous: V1 });
  });

  it('does not swap back when a rollback is repeated with the pointers it saw', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await promoteVersion(registry, V1, undefined);
    await promoteVersion(registry, V2, V1);
    const seen = { production: V2, previous: V1 };
    await expect(rollbackProduction(registry, seen)).resolves.toMatchObject({
      production: V1,
      alreadyInPlace: false,
    });
    await expect(rollbackProduction(registry, seen)).resolves.toMatchObject({
      production: V1,
      alreadyInPlace: true,
    });
    expect(await registry.productionVersion()).toBe(V1);
  });

  it('explains that there is nothing to roll back to', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await promoteVersion(registry, V1, undefined);
    await expect(rollbackProduction(registry)).rejects.toMatchObject({
      code: RegistryErrorCode.NoPreviousVersion,
    });
  });

  it('records every switch in history.jsonl', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await promoteVersion(registry, V1, undefined);
    const lines = (await fs.readFile(registry.layout.historyFile, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ action: 'promote', production: V1, previous: null });
  });

  /** A hook that stops the switch after `step`, as a crash would (the real SIGKILL is in test/promotion-crash.test.ts). */
  const stopAfter = (step: SwitchStep) => (seen: SwitchStep) => {
    if (seen === step) throw new Error(`stopped after ${step}`);
  };

  it('finishes a rollback that stopped between its two switches when it is retried', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await promoteVersion(registry, V1, undefined);
    await promoteVersion(registry, V2, V1);
    const seen = { production: V2, previous: V1 };
    await expect(
      rollbackProduction(registry, seen, { onStep: stopAfter('production:renamed') }),
    ).rejects.toThrow('stopped');
    // Both links name V1 now; only the caller's `seen` still knows V2 was production.
    expect(await registry.previousVersion()).toBe(V1);
    await expect(rollbackProduction(registry, seen)).resolves.toEqual({
      production: V1,
      previous: V2,
      alreadyInPlace: false,
    });
    expect(await registry.previousVersion()).toBe(V2);
  });

  it('records a switch whose history line a crash cut off, once, when the switch is retried', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await expect(
      promoteVersion(registry, V1, undefined, { onStep: stopAfter('production:synced') }),
    ).rejects.toThrow('stopped');
    await expect(fs.readFile(registry.layout.historyFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    await promoteVersion(registry, V1, undefined);
    await promoteVersion(registry, V1, undefined);
    const lines = (await fs.readFile(registry.layout.historyFile, 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ action: 'promote', production: V1, previous: null }),
    ]);
  });

  it('removes temporary links a crash left beside production', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await promoteVersion(registry, V1, undefined);
    await expect(
      promoteVersion(registry, V2, V1, { onStep: stopAfter('production:linked') }),
    ).rejects.toThrow('stopped');
    const temporary = (names: string[]) => names.filter((name) => name.includes('.tmp-'));
    expect(temporary(await fs.readdir(registry.layout.root))).toHaveLength(1);
    await promoteVersion(registry, V2, V1);
    expect(temporary(await fs.readdir(registry.layout.root))).toEqual([]);
  });
});
