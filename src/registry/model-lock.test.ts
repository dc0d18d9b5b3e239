import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryErrorCode } from './errors';
import { acquireModelLock, releaseModelLock } from './model-lock';

const alive = () => Promise.resolve(true);
const gone = () => Promise.resolve(false);
const holder = (workflowId: string) => ({ workflowId, runId: 'r', acquiredAt: '2026-11-28T00:00:00Z' });

describe('model lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'locks-'));
  });

  it('lets one holder in and refuses a second while the first is alive', async () => {
    await acquireModelLock(dir, 'm', holder('a'), alive);
    await expect(acquireModelLock(dir, 'm', holder('b'), alive)).rejects.toMatchObject({
      code: RegistryErrorCode.LockHeld,
      message: expect.stringContaining('workflow a') as unknown,
    });
  });

  it('lets the same holder acquire again (activity retry)', async () => {
    await acquireModelLock(dir, 'm', holder('a'), alive);
    await expect(acquireModelLock(dir, 'm', holder('a'), alive)).resolves.toBeUndefined();
  });

  it('keeps the lock when the holder cannot be checked (server unreachable)', async () => {
    await acquireModelLock(dir, 'm', holder('a'), alive);
    const unreachable = () => Promise.reject(new Error('server unreachable'));
    await expect(acquireModelLock(dir, 'm', holder('b'), unreachable)).rejects.toThrow('server unreachable');
    await expect(acquireModelLock(dir, 'm', holder('c'), alive)).rejects.toMatchObject({
      message: expect.stringContaining('workflow a') as unknown,
    });
  });

  it('takes over a lock whose holder is no longer running', async () => {
    await acquireModelLock(dir, 'm', holder('a'), alive);
    await expect(acquireModelLock(dir, 'm', holder('b'), gone)).resolves.toBeUndefined();
  });

  it('releases only for its holder', async () => {
    await acquireModelLock(dir, 'm', holder('a'), alive);
    await releaseModelLock(dir, 'm', holder('b'));
    await expect(acquireModelLock(dir, 'm', holder('c'), alive)).rejects.toBeDefined();
    await releaseModelLock(dir, 'm', holder('a'));
    await expect(acquireModelLock(dir, 'm', holder('c'), alive)).resolves.toBeUndefined();
  });
});
