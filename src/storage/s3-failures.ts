/**
 * Turns what the AWS SDK throws into a message that says what to fix. The SDK's
 * errors carry the service's error code as `name` (NoSuchBucket,
 * InvalidAccessKeyId…), the HTTP status in `$metadata`, and Node's network
 * errors (ECONNREFUSED…) as `code`, sometimes one `cause` deep.
 */

/** What the store was asked to reach, for the messages. */
export interface S3Target {
  readonly bucket: string;
  /** The endpoint URL, or undefined for AWS's own. */
  readonly endpoint?: string;
  readonly region: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const CREDENTIAL_NAMES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'InvalidToken',
  'ExpiredToken',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function networkCode(error: unknown): string | undefined {
  for (let e = error as SdkErrorShape | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code && NETWORK_CODES.has(e.code)) return e.code;
    if (e.name === 'TimeoutError') return 'timeout';
    // The SDK wraps a thrown value it does not recognise as an Error (another realm's, e.g. under
    // jest) as "AWS SDK error wrapper for Error: connect ECONNREFUSED …": the code is only in the text.
    const named = /\b(E[A-Z_]+)\b/.exec(e.message ?? '')?.[1];
    if (named && NETWORK_CODES.has(named)) return named;
    e = e.cause as SdkErrorShape | undefined;
  }
  return undefined;
}

/** The HTTP status of an SDK error, if the service answered. */
export function httpStatusOf(error: unknown): number | undefined {
  return (error as SdkErrorShape | undefined)?.$metadata?.httpStatusCode;
}

/**
 * Says what to fix for a configuration problem, or undefined for errors that are
 * not about the configuration (a missing key, a refused conditional write).
 */
export function explainS3Failure(error: unknown, target: S3Target): string | undefined {
  const where = target.endpoint ?? `AWS S3 in ${target.region}`;
  const e = error as SdkErrorShape | undefined;
  const network = networkCode(error);
  if (network) {
    return (
      `cannot reach the S3 endpoint ${where} (${network}): check AWS_ENDPOINT_URL ` +
      '(e.g. http://minio:9000) and that the service is running'
    );
  }
  if (e?.name === 'CredentialsProviderError') {
    return (
      'no AWS credentials found for MLOPS_STORE: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY ' +
      '(or AWS_PROFILE)'
    );
  }
  if (e?.name === 'NoSuchBucket' || (e?.name === 'NotFound' && httpStatusOf(error) === 404)) {
    return (
      `bucket "${target.bucket}" does not exist at ${where}: create it (e.g. aws s3 mb s3://${target.bucket}) ` +
      'or fix the bucket in MLOPS_STORE'
    );
  }
  if ((e?.name && CREDENTIAL_NAMES.has(e.name)) || httpStatusOf(error) === 403) {
    return (
      `the S3 endpoint ${where} refused the credentials for bucket "${target.bucket}" (${e?.name ?? 'HTTP 403'}): ` +
      'check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) and that they may read and write the bucket'
    );
  }
  if (e?.name === 'PermanentRedirect' || e?.name === 'AuthorizationHeaderMalformed') {
    return `bucket "${target.bucket}" is in another region than ${target.region}: set AWS_REGION to the bucket's region`;
  }
  return undefined;
}
