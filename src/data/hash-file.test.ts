import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeTempDir, removeTempDirs, writeTempFile } from './dataset.fixture';
import { hashBytes, hashFile } from './hash-file';

afterAll(removeTempDirs);

describe('hashFile', () => {
  it('gives the well-known digests of "abc"', async () => {
    // RFC 1321 and FIPS 180-2 test vectors.
    await expect(hashFile(await writeTempFile('abc.txt', 'abc'))).resolves.toEqual({
      md5: '900150983cd24fb0d6963f7d28e17f72',
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      sizeBytes: 3,
    });
  });

  it('gives the digests of the empty string for an empty file', async () => {
    const digest = await hashFile(await writeTempFile('empty.txt', ''));
    expect(digest).toEqual({
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      sizeBytes: 0,
    });
  });

  it('agrees with hashBytes on a file larger than one read chunk', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const file = path.join(await makeTempDir(), 'big.bin');
    await fs.writeFile(file, bytes);
    await expect(hashFile(file)).resolves.toEqual(hashBytes(bytes));
  });

  it('rejects for a missing file', async () => {
    await expect(hashFile(path.join(await makeTempDir(), 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
