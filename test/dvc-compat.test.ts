import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashFile } from '../src/data';
import { PROJECT_ROOT } from './helpers/temporal-servers';

const execFileAsync = promisify(execFile);
const DVC_BIN = path.join(PROJECT_ROOT, '.tools/dvc/bin');

describe('dataset snapshots with the stock dvc tool', () => {
  it('are accepted by dvc checkout, dvc pull and dvc status, and the pointer is byte-identical to dvc add', async () => {
    // No skipping: a compatibility claim that was not checked is not one.
    if (!existsSync(path.join(DVC_BIN, 'dvc'))) {
      throw new Error(
        `dvc is not installed in ${DVC_BIN}: run bash scripts/ensure-venv-tool.sh dvc dvc==3.67.1 (npm test does)`,
      );
    }
    const { stdout } = await execFileAsync(
      'bash',
      [path.join(PROJECT_ROOT, 'test/reference/dvc/check_dvc.sh')],
      {
        env: { ...process.env, PATH: `${DVC_BIN}:${process.env.PATH ?? ''}`, DVC_NO_ANALYTICS: '1' },
        maxBuffer: 8 * 2 ** 20,
      },
    );
    expect(stdout).toContain('dvc 3.67.1');
    expect(stdout).toMatch(/^OK: dvc 3\.67\.1 accepts the snapshots/m);
    expect(stdout).not.toContain('SKIP');
  }, 120_000);

  it('has a committed pointer for the bundled dataset that matches its bytes', async () => {
    const dataset = path.join(PROJECT_ROOT, 'data/matchmaking_dataset.csv');
    const { md5, sizeBytes } = await hashFile(dataset);
    expect(await fs.readFile(`${dataset}.dvc`, 'utf8')).toBe(
      `outs:\n- md5: ${md5}\n  size: ${sizeBytes}\n  hash: md5\n  path: matchmaking_dataset.csv\n`,
    );
  });
});
