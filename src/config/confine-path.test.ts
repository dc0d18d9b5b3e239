import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { confinePath, InvalidPathError, isInside, PathOutsideRootError } from './confine-path';

/**
 * Real folders and real symlinks in a temp dir:
 *   <tmp>/project/data/ok.csv        inside the root (data/)
 *   <tmp>/project/secret.csv         in the project, outside data/
 *   <tmp>/outside/stolen.csv         outside the project
 */
describe('confinePath', () => {
  let tmp: string;
  let project: string;
  let data: string;
  let outside: string;
  beforeEach(async () => {
    tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'confine-')));
    project = path.join(tmp, 'project');
    data = path.join(project, 'data');
    outside = path.join(tmp, 'outside');
    await fs.mkdir(data, { recursive: true });
    await fs.mkdir(outside);
    await fs.writeFile(path.join(data, 'ok.csv'), 'x');
    await fs.writeFile(path.join(project, 'secret.csv'), 'x');
    await fs.writeFile(path.join(outside, 'stolen.csv'), 'x');
  });
  afterEach(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  const confine = (requested: string) => confinePath(data, requested, project);
  const refused = async (requested: string) =>
    expect(confine(requested)).rejects.toBeInstanceOf(PathOutsideRootError);
  const invalid = async (requested: unknown, reason: string | RegExp) =>
    expect(confine(requested as string)).rejects.toMatchObject({
      name: 'InvalidPathError',
      reason: expect.stringMatching(reason) as string,
    });

  describe('plain paths', () => {
    it('resolves a path relative to the base folder inside the root', async () => {
      await expect(confine('data/ok.csv')).resolves.toBe(path.join(data, 'ok.csv'));
    });

    it('resolves relative to the root itself when no base is given', async () => {
      await expect(confinePath(data, 'ok.csv')).resolves.toBe(path.join(data, 'ok.csv'));
    });

    it('accepts an absolute path inside the root', async () => {
      await expect(confine(path.join(data, 'ok.csv'))).resolves.toBe(path.join(data, 'ok.csv'));
    });

    it('accepts a .. that stays inside, and a file whose name starts with two dots', async () => {
      await expect(confine('data/../data/ok.csv')).resolves.toBe(path.join(data, 'ok.csv'));
      await expect(confine('data/..notes.csv')).resolves.toBe(path.join(data, '..notes.csv'));
    });

    it('accepts a path that does not exist yet when its parent is inside', async () => {
      await expect(confine('data/new/file.csv')).resolves.toBe(path.join(data, 'new/file.csv'));
    });

    it('does not fail on a file used as a folder (the open fails later, clearly)', async () => {
      await expect(confine('data/ok.csv/x')).resolves.toBe(path.join(data, 'ok.csv', 'x'));
    });
  });

  describe('escapes', () => {
    it('refuses ../ out of the root, to the project and beyond', async () => {
      await refused('data/../secret.csv');
      await refused('data/../../outside/stolen.csv');
      await refused('data/new/../../../outside/stolen.csv');
      await refused('../outside/stolen.csv');
    });

    it('refuses absolute paths outside the root', async () => {
      await refused('/etc/passwd');
      await refused(path.join(outside, 'stolen.csv'));
    });

    it('refuses the project root and the root`s parent', async () => {
      await refused('.');
      await refused(project);
    });

    it('says which path and which folder in the message', async () => {
      await expect(confine('../outside/stolen.csv')).rejects.toThrow(
        `path "../outside/stolen.csv" is outside the allowed folder ${data}`,
      );
    });
  });

  describe('symlinks', () => {
    it('refuses a symlinked file inside data/ that points outside', async () => {
      await fs.symlink(path.join(outside, 'stolen.csv'), path.join(data, 'link.csv'));
      await refused('data/link.csv');
    });

    it('refuses a relative symlink that climbs out', async () => {
      await fs.symlink('../../outside/stolen.csv', path.join(data, 'rel.csv'));
      await refused('data/rel.csv');
    });

    it('accepts a symlink that stays inside, returning its real target', async () => {
      await fs.symlink('ok.csv', path.join(data, 'alias.csv'));
      await expect(confine('data/alias.csv')).resolves.toBe(path.join(data, 'ok.csv'));
    });

    it('refuses a file below a symlinked parent folder that points outside', async () => {
      await fs.symlink(outside, path.join(data, 'shared'));
      await refused('data/shared/stolen.csv');
      await refused('data/shared/not-yet-written.csv');
    });

    it('refuses a dangling symlink whose target is outside (a later write would land there)', async () => {
      await fs.symlink(path.join(outside, 'missing.csv'), path.join(data, 'dangling.csv'));
      await refused('data/dangling.csv');
      await fs.symlink(path.join(outside, 'missing-dir'), path.join(data, 'dangling-dir'));
      await refused('data/dangling-dir/new.csv');
    });

    it('refuses a symlink loop as an invalid path instead of hanging or retrying', async () => {
      await fs.symlink('b.csv', path.join(data, 'a.csv'));
      await fs.symlink('a.csv', path.join(data, 'b.csv'));
      await invalid('data/a.csv', /symlink loop/);
    });

    it('follows a symlinked root (a data folder on a mounted volume)', async () => {
      const volume = path.join(tmp, 'volume');
      await fs.mkdir(volume);
      await fs.writeFile(path.join(volume, 'mounted.csv'), 'x');
      await fs.rm(data, { recursive: true });
      await fs.symlink(volume, data);
      await expect(confine('data/mounted.csv')).resolves.toBe(path.join(volume, 'mounted.csv'));
      await expect(confine(path.join(volume, 'mounted.csv'))).resolves.toBe(path.join(volume, 'mounted.csv'));
      await refused('data/../secret.csv');
    });

    it('refuses a symlink swapped in for a folder on the way', async () => {
      await fs.mkdir(path.join(data, 'sub'));
      await fs.writeFile(path.join(data, 'sub', 'x.csv'), 'x');
      await expect(confine('data/sub/x.csv')).resolves.toBe(path.join(data, 'sub', 'x.csv'));
      await fs.rm(path.join(data, 'sub'), { recursive: true });
      await fs.symlink(outside, path.join(data, 'sub'));
      await refused('data/sub/x.csv');
    });
  });

  describe('strings that are not usable paths', () => {
    it('refuses NUL bytes anywhere in the path', async () => {
      await invalid('data/ok.csv\0.png', /NUL byte/);
      await invalid('\0', /NUL byte/);
      await expect(confine('data/ok.csv\0')).rejects.toThrow('path "data/ok.csv\\u0000" is not usable');
    });

    it('refuses an empty path, a non-string and an absurdly long one', async () => {
      await invalid('', /empty/);
      await invalid(42, /expected a path \(a string\), got number/);
      await invalid(null, /got object/);
      await invalid(`data/${'a/'.repeat(3000)}x.csv`, /longer than 4096/);
    });

    it('refuses a path component longer than the file system allows', async () => {
      await invalid(`data/${'a'.repeat(300)}/x.csv`, /too long/);
    });

    it('throws InvalidPathError, a class of its own', async () => {
      await expect(confine('')).rejects.toBeInstanceOf(InvalidPathError);
    });
  });
});

describe('isInside', () => {
  it('is true for the root and below it, false for siblings sharing a prefix', () => {
    expect(isInside('/a/data', '/a/data')).toBe(true);
    expect(isInside('/a/data', '/a/data/x/y')).toBe(true);
    expect(isInside('/a/data', '/a/data/..x')).toBe(true);
    expect(isInside('/a/data', '/a/database')).toBe(false);
    expect(isInside('/a/data', '/a')).toBe(false);
  });
});
