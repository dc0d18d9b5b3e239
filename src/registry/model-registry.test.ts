import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RegistryErrorCode } from './errors';
import { versionName } from './layout';
import { createTempRegistry, publishFakeVersion } from './registry.fixture';

const V1 = 'v20261101-030000-aaaaaaaa';
const V2 = 'v20261128-133600-bbbbbbbb';

describe('ModelRegistry', () => {
  it('names versions after the start time and the dataset md5', () => {
    expect(versionName(new Date('2026-11-28T13:36:00.123Z'), '3f2a9c1d00112233')).toBe(
      'v20261128-133600-3f2a9c1d',
    );
  });

  it('publishes a version folder whole, with checksums of every artifact', async () => {
    const { registry } = await createTempRegistry();
    const manifest = await publishFakeVersion(registry, V1);
    expect(Object.keys(manifest.files).sort()).toEqual(['model.json', 'preprocessor.json', 'weights.bin']);
    expect(await registry.verifiedVersionDir(V1)).toBe(registry.layout.versionDir(V1));
    const leftovers = (await fs.readdir(registry.layout.versionsDir)).filter((n) => n.startsWith('.staging'));
    expect(leftovers).toEqual([]);
  });

  it('returns the existing manifest when the same run publishes again (activity retry)', async () => {
    const { registry } = await createTempRegistry();
    const first = await publishFakeVersion(registry, V1, 'wf-1');
    const again = await publishFakeVersion(registry, V1, 'wf-1');
    expect(again).toEqual(first);
  });

  it('refuses to overwrite a version published by another run', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1, 'wf-1');
    await expect(publishFakeVersion(registry, V1, 'wf-2')).rejects.toMatchObject({
      code: RegistryErrorCode.InvalidRecord,
    });
  });

  it('detects an artifact changed after publishing', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await fs.appendFile(path.join(registry.layout.versionDir(V1), 'weights.bin'), 'tampered');
    await expect(registry.verifiedVersionDir(V1)).rejects.toMatchObject({
      code: RegistryErrorCode.ChecksumMismatch,
      message: expect.stringContaining('weights.bin') as unknown,
    });
  });

  it('refuses a manifest edited to drop an artifact checksum instead of skipping that file', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    const manifestFile = path.join(registry.layout.versionDir(V1), 'manifest.json');
    const manifest = JSON.parse(await fs.readFile(manifestFile, 'utf8')) as { files: Record<string, string> };
    delete manifest.files['weights.bin'];
    await fs.writeFile(manifestFile, JSON.stringify(manifest));
    await fs.appendFile(path.join(registry.layout.versionDir(V1), 'weights.bin'), 'tampered');
    await expect(registry.verifiedVersionDir(V1)).rejects.toMatchObject({
      code: RegistryErrorCode.ChecksumMismatch,
      message: expect.stringContaining('files.weights.bin should be a sha256') as unknown,
    });
  });

  it('keeps the first decision and refuses a contradicting one', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    const record = { outcome: 'rejected' as const, reason: 'no', decidedAt: 'now', workflowId: 'wf' };
    await registry.writeOutcome(V1, record);
    await expect(registry.writeOutcome(V1, record)).resolves.toEqual(record);
    await expect(registry.writeOutcome(V1, { ...record, outcome: 'promoted' })).rejects.toMatchObject({
      code: RegistryErrorCode.InvalidRecord,
    });
  });

  it('lists versions newest first with their stage', async () => {
    const { registry } = await createTempRegistry();
    await publishFakeVersion(registry, V1);
    await publishFakeVersion(registry, V2);
    await registry.writeOutcome(V1, {
      outcome: 'rejected',
      reason: 'r',
      decidedAt: 'now',
      workflowId: 'wf',
    });
    const list = await registry.listVersions();
    expect(list.map((v) => [v.version, v.stage])).toEqual([
      [V2, 'candidate'],
      [V1, 'rejected'],
    ]);
  });

  it('refuses names that are not version names, so they cannot become paths', async () => {
    const { registry } = await createTempRegistry();
    await expect(registry.readManifest('../../etc')).rejects.toMatchObject({
      code: RegistryErrorCode.VersionNotFound,
    });
  });
});
