import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { importOutcomesCsv } from './outcome-import';
import { allKnown, outcomesCsv, predictionId, tempDir } from './outcome-fixture.fixture';
import { FileOutcomeStore, OUTCOMES_FILE } from './outcome-store';

const outcome = (n: number, matchSuccess: 0 | 1) => ({
  outcome: { predictionId: predictionId(n), matchSuccess, observedAt: null },
  position: n + 1,
});

describe('FileOutcomeStore', () => {
  it('stores new outcomes, takes exact repeats as harmless and reports conflicts and unknown ids', async () => {
    const store = new FileOutcomeStore(await tempDir('outcomes-'));
    const first = await store.record([outcome(0, 1), outcome(1, 0)], allKnown, 'http');
    expect(first).toMatchObject({ received: 2, stored: 2, duplicates: 0, conflicts: [], unknown: [] });

    const known = (ids: readonly string[]) =>
      Promise.resolve(new Set(ids.filter((i) => i !== predictionId(9))));
    const second = await store.record(
      [outcome(0, 1), outcome(1, 1), outcome(9, 1), outcome(2, 0), outcome(2, 1)],
      known,
      'http',
    );
    expect(second).toEqual({
      received: 5,
      stored: 1,
      duplicates: 1,
      conflicts: [
        { predictionId: predictionId(1), position: 2, stored: 0, received: 1 },
        { predictionId: predictionId(2), position: 3, stored: 0, received: 1 },
      ],
      unknown: [{ predictionId: predictionId(9), position: 10 }],
    });
    // The first value stays the outcome, also for a fresh reader.
    const reread = await new FileOutcomeStore(store.dir).all();
    expect([...reread.values()].map((o) => [o.predictionId, o.matchSuccess])).toEqual([
      [predictionId(0), 1],
      [predictionId(1), 0],
      [predictionId(2), 0],
    ]);
  });

  it('skips a line a crash cut short, and the next append starts on a fresh line', async () => {
    const dir = await tempDir('outcomes-');
    const store = new FileOutcomeStore(dir);
    await store.record([outcome(0, 1)], allKnown, 'http');
    await fs.appendFile(path.join(dir, OUTCOMES_FILE), '{"prediction_id":"0193');
    const writer = new FileOutcomeStore(dir);
    expect((await writer.all()).size).toBe(1);
    await writer.record([outcome(1, 0)], allKnown, 'http');
    const reader = new FileOutcomeStore(dir);
    expect((await reader.all()).size).toBe(2);
    expect(reader.damagedLines).toBe(1);
  });

  it('keeps one outcome per id when several stores write at once', async () => {
    const dir = await tempDir('outcomes-');
    const stores = Array.from({ length: 4 }, () => new FileOutcomeStore(dir));
    // Each store sends the same 50 ids; store k sends value k % 2: half of them must conflict.
    const results = await Promise.all(
      stores.map((s, k) =>
        s.record(
          Array.from({ length: 50 }, (_, n) => outcome(n, (k % 2) as 0 | 1)),
          allKnown,
          `w${k}`,
        ),
      ),
    );
    expect(results.reduce((s, r) => s + r.stored, 0)).toBe(50);
    expect(results.reduce((s, r) => s + r.stored + r.duplicates + r.conflicts.length, 0)).toBe(200);
    const lines = (await fs.readFile(path.join(dir, OUTCOMES_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(50);
  });
});

describe('importOutcomesCsv', () => {
  it('loses nothing when the importing process is killed mid-import, and a rerun completes it', async () => {
    const dir = await tempDir('outcomes-');
    const file = path.join(dir, 'outcomes.csv');
    await fs.writeFile(file, outcomesCsv(3000));
    const child = spawn(
      process.execPath,
      ['--require', 'tsx/cjs', path.join(__dirname, 'import-child.fixture.ts'), dir, file, '50'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Kill once a few batches are stored, well before the 60 batches are done.
    const stored = path.join(dir, OUTCOMES_FILE);
    for (;;) {
      const size = await fs.stat(stored).then(
        (s) => s.size,
        () => 0,
      );
      if (size > 5 * 50 * 100) break;
      if (child.exitCode !== null) throw new Error(`the import ended before it was killed: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull();

    const before = await new FileOutcomeStore(dir).all();
    expect(before.size).toBeGreaterThan(0);
    expect(before.size).toBeLessThan(3000);

    const rerun = await importOutcomesCsv(new FileOutcomeStore(dir), file, allKnown);
    expect(rerun).toMatchObject({
      received: 3000,
      stored: 3000 - before.size,
      duplicates: before.size,
      conflictCount: 0,
    });
    const after = new FileOutcomeStore(dir);
    const all = await after.all();
    expect(all.size).toBe(3000);
    expect(all.get(predictionId(2999))!.matchSuccess).toBe(0);
    expect(all.get(predictionId(3))!.matchSuccess).toBe(1);
  });

  it('stores nothing from a file with a bad line', async () => {
    const dir = await tempDir('outcomes-');
    const file = path.join(dir, 'bad.csv');
    await fs.writeFile(file, `${outcomesCsv(10)}${predictionId(11)},yes,\n`);
    await expect(importOutcomesCsv(new FileOutcomeStore(dir), file, allKnown)).rejects.toThrow(
      /bad\.csv line 12, column match_success: "yes" must be 0 or 1/,
    );
    expect((await new FileOutcomeStore(dir).all()).size).toBe(0);
  });
});
