import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RegistryErrorCode } from './errors';
import { promoteVersion, rollbackProduction } from './promotion';
import { createTempRegistry, publishFakeVersion } from './registry-test-fixtures';

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
});
