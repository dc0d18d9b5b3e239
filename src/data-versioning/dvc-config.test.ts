import { dvcConfigFor } from './dvc-config';

describe('dvcConfigFor', () => {
  // Expected texts are what dvc 3.67.1 wrote into .dvc/config for
  // `dvc cache dir /srv/snapshots` and `dvc remote add -d snapshots /srv/snapshots`.
  it('gives the cache setting as `dvc cache dir` writes it', () => {
    expect(dvcConfigFor('/srv/snapshots').asCache).toEqual({
      snapshotsDir: '/srv/snapshots',
      config: '[cache]\n    dir = /srv/snapshots\n',
      commands: ['dvc cache dir /srv/snapshots'],
    });
  });

  it('gives the remote setting as `dvc remote add -d` writes it', () => {
    expect(dvcConfigFor('/srv/snapshots').asRemote).toEqual({
      snapshotsDir: '/srv/snapshots',
      config: `[core]\n    remote = snapshots\n['remote "snapshots"']\n    url = /srv/snapshots\n`,
      commands: ['dvc remote add -d snapshots /srv/snapshots'],
    });
  });

  it('quotes a folder with spaces in the commands', () => {
    expect(dvcConfigFor('/srv/my snapshots').asCache.commands).toEqual(["dvc cache dir '/srv/my snapshots'"]);
  });
});
