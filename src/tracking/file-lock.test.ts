import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrackingErrorCode } from './errors';
import { withFileLock } from './file-lock';

const FAST = { staleMs: 1_000, timeoutMs: 200, retryMs: 2 };

async function lockPath(): Promise<string> {
  return path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'lock-')), 'run.lock');
}

describe('withFileLock', () => {
  it('runs critical sections one at a time and removes the lock afterwards', async () => {
    const file = await lockPath();
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withFileLock(file, { ...FAST, timeoutMs: 5_000 }, async () => {
          maxInside = Math.max(maxInside, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    await expect(fs.access(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('releases the lock when the critical section throws', async () => {
    const file = await lockPath();
    await expect(withFileLock(file, FAST, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withFileLock(file, FAST, () => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('times out while another holder keeps a fresh lock', async () => {
    const file = await lockPath();
    await fs.writeFile(file, JSON.stringify({ token: 'someone-else' }));
    await expect(withFileLock(file, FAST, () => Promise.resolve())).rejects.toMatchObject({
      code: TrackingErrorCode.LockTimeout,
      message: `could not lock ${file} within 200 ms`,
    });
  });

  it('breaks a lock left by a crashed process once it is older than staleMs', async () => {
    const file = await lockPath();
    await fs.writeFile(file, JSON.stringify({ token: 'crashed' }));
    const old = new Date(Date.now() - 5_000);
    await fs.utimes(file, old, old);
    await expect(withFileLock(file, FAST, () => Promise.resolve('taken over'))).resolves.toBe('taken over');
  });

  it('tells a holder that overran staleMs that it lost the lock, and leaves the new lock alone', async () => {
    const file = await lockPath();
    const result = withFileLock(file, FAST, async (assertHeld) => {
      // Simulate another process breaking our lock as stale and taking it.
      await fs.rm(file);
      await fs.writeFile(file, JSON.stringify({ token: 'new-holder' }));
      await assertHeld();
    });
    await expect(result).rejects.toMatchObject({ code: TrackingErrorCode.LockTimeout });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ token: 'new-holder' });
  });
});
