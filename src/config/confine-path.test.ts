import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { confinePath, PathOutsideRootError } from './confine-path';

describe('confinePath', () => {
  let project: string;
  let data: string;
  beforeEach(async () => {
    project = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'confine-')));
    data = path.join(project, 'data');
    await fs.mkdir(data);
    await fs.writeFile(path.join(data, 'ok.csv'), 'x');
  });

  it('resolves a path relative to the base folder inside the root', async () => {
    await expect(confinePath(data, 'data/ok.csv', project)).resolves.toBe(path.join(data, 'ok.csv'));
  });

  it('refuses a ../ escape', async () => {
    await expect(confinePath(data, 'data/../../etc/passwd', project)).rejects.toBeInstanceOf(
      PathOutsideRootError,
    );
  });

  it('refuses a symlink that points outside the root', async () => {
    await fs.symlink('/etc', path.join(data, 'escape'));
    await expect(confinePath(data, 'data/escape/passwd', project)).rejects.toBeInstanceOf(
      PathOutsideRootError,
    );
  });

  it('accepts a path that does not exist yet when its parent is inside', async () => {
    await expect(confinePath(data, 'data/new/file.csv', project)).resolves.toBe(
      path.join(data, 'new/file.csv'),
    );
  });
});
