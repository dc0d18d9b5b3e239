/**
 * The bucket prefix `<MLOPS_STORE>/snapshots` is a DVC 3 remote: a stock `dvc`
 * with `dvc-s3` (installed by `npm test` into .tools/dvc-s3) pulls the bundled
 * dataset from a real moto server byte for byte, using the committed pointer.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSnapshot } from '../../src/data';
import { pushSnapshot } from '../../src/data/snapshot-sync';
import { openS3Store } from '../../src/storage';
import {
  MOTO_CREDENTIALS,
  MOTO_SDK_CREDENTIALS,
  startMotoServer,
  type MotoServer,
} from '../helpers/moto-server';
import { PROJECT_ROOT } from '../helpers/temporal-servers';

const execFileAsync = promisify(execFile);
const DVC = path.join(PROJECT_ROOT, '.tools/dvc-s3/bin/dvc');
/** The pins scripts/test.sh installs. */
const DVC_S3_REQUIREMENTS = 'dvc==3.67.1 dvc-s3==3.3.0';

let moto: MotoServer;
let work: string;

beforeAll(async () => {
  moto = await startMotoServer();
  await moto.createBucket('team');
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'legalaid-dvc-s3-'));
}, 90_000);

afterAll(async () => {
  await moto?.stop();
  if (work) {
    await execFileAsync('chmod', ['-R', 'u+w', work]).catch(() => undefined);
    await fs.rm(work, { recursive: true, force: true });
  }
});

describe('the snapshots prefix of the bucket as a DVC remote', () => {
  it('restores the bundled dataset byte for byte with a stock dvc pull', async () => {
    if (!existsSync(DVC)) {
      throw new Error(
        `dvc with dvc-s3 is not installed in ${DVC}: run bash scripts/ensure-venv-tool.sh dvc-s3 ${DVC_S3_REQUIREMENTS} (npm test does)`,
      );
    }
    const dataset = path.join(PROJECT_ROOT, 'data/matchmaking_dataset.csv');
    const snapshots = path.join(work, 'snapshots');
    const { md5 } = await createSnapshot({ sourcePath: dataset, root: snapshots, now: new Date(0) });
    const store = openS3Store(moto.storeConfig('team', 'legalaid/snapshots'), {
      credentials: MOTO_SDK_CREDENTIALS,
    });
    await pushSnapshot(store, snapshots, md5);

    const repo = path.join(work, 'repo');
    await fs.mkdir(path.join(repo, 'data'), { recursive: true });
    await fs.copyFile(`${dataset}.dvc`, path.join(repo, 'data/matchmaking_dataset.csv.dvc'));
    const env = {
      ...process.env,
      ...MOTO_CREDENTIALS,
      DVC_NO_ANALYTICS: '1',
      AWS_DEFAULT_REGION: 'us-east-1',
    };
    const dvc = (...args: string[]) => execFileAsync(DVC, args, { cwd: repo, env, maxBuffer: 8 * 2 ** 20 });
    await dvc('init', '--no-scm', '-q');
    await dvc('remote', 'add', '-d', 'bucket', 's3://team/legalaid/snapshots');
    await dvc('remote', 'modify', 'bucket', 'endpointurl', moto.endpoint);
    await dvc('pull');
    const pulled = await fs.readFile(path.join(repo, 'data/matchmaking_dataset.csv'));
    expect(pulled.equals(await fs.readFile(dataset))).toBe(true);
    const { stdout } = await dvc('status', '-c');
    expect(stdout).toContain('in sync');
  }, 180_000);
});
