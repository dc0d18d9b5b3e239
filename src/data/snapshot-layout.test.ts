import path from 'node:path';
import { SnapshotErrorCode } from './errors';
import { assertMd5, snapshotDataPath, snapshotManifestPath } from './snapshot-layout';

const MD5 = '0123456789abcdef0123456789abcdef';

describe('snapshot layout', () => {
  it('puts data where DVC 3 keeps its cache: files/md5/<first 2 hex>/<remaining 30 hex>', () => {
    expect(snapshotDataPath('/s', MD5)).toBe(
      path.join('/s', 'files', 'md5', '01', '23456789abcdef0123456789abcdef'),
    );
  });

  it('puts the manifest at manifests/<md5>.json', () => {
    expect(snapshotManifestPath('/s', MD5)).toBe(path.join('/s', 'manifests', `${MD5}.json`));
  });

  it('accepts only 32 lowercase hex digits as an md5', () => {
    expect(() => assertMd5(MD5)).not.toThrow();
    for (const bad of ['', MD5.toUpperCase(), `${MD5}0`, '../' + MD5.slice(3)]) {
      expect(() => assertMd5(bad)).toThrow(
        expect.objectContaining({ code: SnapshotErrorCode.InvalidMd5 }) as Error,
      );
    }
  });
});
