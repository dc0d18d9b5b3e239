import { spawn } from 'node:child_process';
import path from 'node:path';
import { RunStore } from './run-store';
import { makeTempRunsDir, retrainStart } from './tracking.fixture';

const WRITERS = 4;
const RUNS_PER_WRITER = 20;

function runWriter(runsDir: string, worker: number, sharedId: string): Promise<void> {
  const script = path.join(__dirname, 'concurrent-writer.fixture.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--require', 'tsx/cjs', script, runsDir, String(worker), String(RUNS_PER_WRITER), sharedId],
      // The local folder, whatever store the machine running the test is set up for.
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MLOPS_STORE: '' } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer ${worker} exited ${code}: ${stderr}`)),
    );
  });
}

describe('RunStore under concurrent writer processes', () => {
  it('loses and tears no record when several processes create and update runs at once', async () => {
    const runsDir = await makeTempRunsDir();
    const store = new RunStore(runsDir);
    const shared = await store.start(retrainStart({ id: 'shared' }));

    const writers = Array.from({ length: WRITERS }, (_, w) => runWriter(runsDir, w, shared.id));
    // Meanwhile read continuously: list() throws INVALID_RECORD if it ever sees a torn file.
    let done = false;
    let reads = 0;
    const reader = (async () => {
      while (!done) {
        await store.list();
        reads++;
      }
    })();
    await Promise.all(writers).finally(() => (done = true));
    await reader;

    const runs = await store.list({ kind: 'evaluation' });
    expect(runs).toHaveLength(WRITERS * RUNS_PER_WRITER);
    expect(runs.every((r) => r.status === 'completed' && typeof r.metrics.j === 'number')).toBe(true);
    const epochs = (await store.get(shared.id)).epochMetrics ?? [];
    expect(epochs).toHaveLength(WRITERS * RUNS_PER_WRITER);
    expect(new Set(epochs.map((e) => e.epoch)).size).toBe(WRITERS * RUNS_PER_WRITER);
    expect(reads).toBeGreaterThan(0);
  }, 120_000);
});
