/**
 * Which artifact store the pipeline uses, from the environment (`MLOPS_CACHE_MAX_BYTES`
 * bounds each machine's local snapshot cache when the store is a bucket,
 * `MLOPS_MODEL_CACHE_MAX_BYTES` its cache of model versions):
 * - `MLOPS_STORE` unset or empty: the local project folders (the default);
 * - `MLOPS_STORE=s3://bucket/prefix`: an S3-compatible bucket, with the usual
 *   AWS variables: `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL` (MinIO, moto;
 *   unset: AWS itself), `AWS_REGION` or `AWS_DEFAULT_REGION` (default
 *   us-east-1), credentials from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/
 *   `AWS_SESSION_TOKEN` or `AWS_PROFILE` (the SDK's own chain), and
 *   `MLOPS_S3_PATH_STYLE` (`true`/`false`; default true with an endpoint, as
 *   MinIO and moto want, false on AWS).
 */
import { z } from 'zod';
import { StoreError, StoreErrorCode } from './errors';

/** The local default. */
export interface LocalStoreConfig {
  readonly kind: 'local';
}

/** An S3-compatible bucket. */
export interface S3StoreConfig {
  readonly kind: 's3';
  readonly bucket: string;
  /** Key prefix: `''` or ending in `/`. */
  readonly prefix: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Bound of each machine's local snapshot cache in bytes (`MLOPS_CACHE_MAX_BYTES`); undefined: unbounded. */
  readonly cacheMaxBytes?: number;
  /** Bound of each machine's local cache of model versions in bytes (`MLOPS_MODEL_CACHE_MAX_BYTES`); undefined: unbounded. */
  readonly modelCacheMaxBytes?: number;
}

/** What {@link parseStoreConfig} returns. */
export type StoreConfig = LocalStoreConfig | S3StoreConfig;

// S3 bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const envSchema = z.object({
  MLOPS_STORE: z.string().trim().optional(),
  AWS_ENDPOINT_URL_S3: z.url({ protocol: /^https?$/ }).optional(),
  AWS_ENDPOINT_URL: z.url({ protocol: /^https?$/ }).optional(),
  AWS_REGION: z.string().min(1).optional(),
  AWS_DEFAULT_REGION: z.string().min(1).optional(),
  MLOPS_S3_PATH_STYLE: z.enum(['true', 'false']).optional(),
  MLOPS_CACHE_MAX_BYTES: z.coerce.number().int().positive().optional(),
  MLOPS_MODEL_CACHE_MAX_BYTES: z.coerce.number().int().positive().optional(),
});

function misconfigured(message: string, subject?: string): StoreError {
  return new StoreError(StoreErrorCode.Misconfigured, message, subject);
}

/**
 * Parses the store settings.
 *
 * @throws StoreError MISCONFIGURED naming the variable and what it should look like
 */
export function parseStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  // The AWS variables matter only with a bucket: a stray AWS_ENDPOINT_URL never stops the local default.
  if ((env.MLOPS_STORE ?? '').trim() === '') return { kind: 'local' };
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw misconfigured(
      `${variable}=${JSON.stringify(env[variable] ?? '')} is not valid: ${issue?.message ?? 'invalid'}` +
        (variable.startsWith('AWS_ENDPOINT') ? ' (expected e.g. http://127.0.0.1:9000)' : ''),
      variable,
    );
  }
  const vars = parsed.data;
  const uri = vars.MLOPS_STORE ?? '';
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(uri);
  if (!match) {
    throw misconfigured(
      `MLOPS_STORE=${JSON.stringify(uri)} is not a store URI: expected s3://bucket or s3://bucket/prefix ` +
        '(or leave it unset for the local folders)',
      uri,
    );
  }
  const bucket = match[1]!;
  if (!BUCKET.test(bucket)) {
    throw misconfigured(
      `MLOPS_STORE names bucket "${bucket}", which is not a valid S3 bucket name ` +
        '(3–63 lowercase letters, digits, dots and hyphens)',
      uri,
    );
  }
  const path = (match[2] ?? '').replace(/\/+$/, '');
  if (path.split('/').some((segment) => segment === '.' || segment === '..' || (path && !segment))) {
    throw misconfigured(`MLOPS_STORE prefix "${path}" has an empty, "." or ".." segment`, uri);
  }
  const endpoint = vars.AWS_ENDPOINT_URL_S3 ?? vars.AWS_ENDPOINT_URL;
  return {
    kind: 's3',
    bucket,
    prefix: path === '' ? '' : `${path}/`,
    ...(endpoint ? { endpoint } : {}),
    region: vars.AWS_REGION ?? vars.AWS_DEFAULT_REGION ?? 'us-east-1',
    forcePathStyle: vars.MLOPS_S3_PATH_STYLE ? vars.MLOPS_S3_PATH_STYLE === 'true' : endpoint !== undefined,
    ...(vars.MLOPS_CACHE_MAX_BYTES !== undefined ? { cacheMaxBytes: vars.MLOPS_CACHE_MAX_BYTES } : {}),
    ...(vars.MLOPS_MODEL_CACHE_MAX_BYTES !== undefined
      ? { modelCacheMaxBytes: vars.MLOPS_MODEL_CACHE_MAX_BYTES }
      : {}),
  };
}
