import { StoreErrorCode } from './errors';
import { parseStoreConfig } from './store-config';

describe('parseStoreConfig', () => {
  it('is the local folders when MLOPS_STORE is unset or blank, whatever the AWS variables say', () => {
    expect(parseStoreConfig({})).toEqual({ kind: 'local' });
    expect(parseStoreConfig({ MLOPS_STORE: '  ', AWS_ENDPOINT_URL: 'not a url' })).toEqual({ kind: 'local' });
  });

  it('reads bucket, prefix, endpoint and region, with path-style addressing for an endpoint', () => {
    expect(
      parseStoreConfig({
        MLOPS_STORE: 's3://legalaid/team/mlops/',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9000',
        AWS_DEFAULT_REGION: 'eu-west-1',
        MLOPS_CACHE_MAX_BYTES: '1048576',
        MLOPS_MODEL_CACHE_MAX_BYTES: '65536',
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'legalaid',
      prefix: 'team/mlops/',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      cacheMaxBytes: 1048576,
      modelCacheMaxBytes: 65536,
    });
  });

  it('defaults to AWS itself in us-east-1 with virtual-hosted addressing, and prefers AWS_ENDPOINT_URL_S3', () => {
    expect(parseStoreConfig({ MLOPS_STORE: 's3://legalaid' })).toEqual({
      kind: 's3',
      bucket: 'legalaid',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    });
    expect(
      parseStoreConfig({
        MLOPS_STORE: 's3://legalaid',
        AWS_ENDPOINT_URL: 'http://a:1',
        AWS_ENDPOINT_URL_S3: 'http://b:2',
        MLOPS_S3_PATH_STYLE: 'false',
      }),
    ).toMatchObject({ endpoint: 'http://b:2', forcePathStyle: false });
  });

  it.each([
    [
      'bucket/prefix',
      'MLOPS_STORE="bucket/prefix" is not a store URI: expected s3://bucket or s3://bucket/prefix',
    ],
    ['gs://legalaid', 'MLOPS_STORE="gs://legalaid" is not a store URI'],
    ['s3://Legal_Aid', 'MLOPS_STORE names bucket "Legal_Aid", which is not a valid S3 bucket name'],
    ['s3://legalaid/a/../b', 'MLOPS_STORE prefix "a/../b" has an empty, "." or ".." segment'],
  ])('refuses MLOPS_STORE=%s, saying what it should look like', (value, message) => {
    expect(() => parseStoreConfig({ MLOPS_STORE: value })).toThrow(message);
  });

  it('names a malformed endpoint or cache bound', () => {
    let thrown: unknown;
    try {
      parseStoreConfig({ MLOPS_STORE: 's3://legalaid', AWS_ENDPOINT_URL: 'minio:9000' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({
      code: StoreErrorCode.Misconfigured,
      message: expect.stringContaining('AWS_ENDPOINT_URL="minio:9000" is not valid') as string,
    });
    expect(() => parseStoreConfig({ MLOPS_STORE: 's3://legalaid', MLOPS_CACHE_MAX_BYTES: 'lots' })).toThrow(
      'MLOPS_CACHE_MAX_BYTES="lots" is not valid',
    );
    expect(() =>
      parseStoreConfig({ MLOPS_STORE: 's3://legalaid', MLOPS_MODEL_CACHE_MAX_BYTES: '-1' }),
    ).toThrow('MLOPS_MODEL_CACHE_MAX_BYTES="-1" is not valid');
  });
});
