/**
 * One HTTP exchange with an MLflow tracking server over the global `fetch`:
 * a timeout on every request, MLflow's JSON error bodies turned into
 * {@link MlflowError}s, and answers validated against a schema so a surprise
 * is reported with the endpoint and the field rather than as `undefined` later.
 */
import type { z } from 'zod';
import type { MlflowSettings } from './config';
import { isRetryableStatus, MlflowError } from './errors';

/** What {@link MlflowHttp.send} needs to know about one request. */
export interface MlflowRequest<T> {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path under the tracking URI, e.g. `/api/2.0/mlflow/runs/create`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** JSON body (POST). */
  readonly json?: unknown;
  /** Raw body (artifact uploads). */
  readonly bytes?: Uint8Array;
  /** The documented shape of a successful answer; an empty body is parsed as `{}`. */
  readonly schema: z.ZodType<T>;
}

type Connection = Pick<MlflowSettings, 'trackingUri' | 'timeoutMs' | 'username' | 'password' | 'token'>;

/** Low-level transport of the MLflow client. */
export class MlflowHttp {
  private readonly origin: string;

  constructor(private readonly connection: Connection) {
    this.origin = new URL(connection.trackingUri).origin;
  }

  /**
   * Sends a request and returns the validated answer.
   *
   * @throws MlflowError naming the endpoint: unreachable, timed out, an error
   *   status with MLflow's `error_code` and message, or an unexpected answer
   */
  async send<T>(request: MlflowRequest<T>): Promise<T> {
    const endpoint = `${request.method} ${request.path}`;
    const fail = (problem: string, status?: number, errorCode?: string, retryable = false): never => {
      throw new MlflowError(`MLflow ${endpoint}: ${problem}`, endpoint, status, errorCode, retryable);
    };
    const url = new URL(`${this.connection.trackingUri}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    const signal = AbortSignal.timeout(this.connection.timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: this.headers(request),
        ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
        ...(request.bytes !== undefined ? { body: request.bytes } : {}),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (signal.aborted) {
        return fail(
          `no answer from ${this.origin} within ${this.connection.timeoutMs} ms`,
          undefined,
          undefined,
          true,
        );
      }
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      return fail(`server ${this.origin} unreachable (${cause})`, undefined, undefined, true);
    }
    if (status < 200 || status > 299) {
      const { errorCode, message } = parseErrorBody(text);
      return fail(
        `HTTP ${status}${errorCode ? ` ${errorCode}` : ''}: ${message}`,
        status,
        errorCode,
        isRetryableStatus(status),
      );
    }
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return fail(`answered ${status} with a body that is not JSON: ${text.slice(0, 120)}`, status);
      }
    }
    const parsed = request.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        `answered ${status} with an unexpected body: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
        status,
      );
    }
    return parsed.data;
  }

  private headers(request: MlflowRequest<unknown>): Record<string, string> {
    const { token, username, password } = this.connection;
    const auth = token
      ? `Bearer ${token}`
      : username !== undefined
        ? `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`
        : undefined;
    return {
      accept: 'application/json',
      ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(request.bytes !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
      ...(auth ? { authorization: auth } : {}),
    };
  }
}

/** MLflow answers errors with `{"error_code": "...", "message": "..."}`; proxies may send HTML. */
function parseErrorBody(text: string): { errorCode?: string; message: string } {
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (typeof body.message === 'string') {
      return {
        ...(typeof body.error_code === 'string' ? { errorCode: body.error_code } : {}),
        message: body.message.length > 500 ? `${body.message.slice(0, 500)}…` : body.message,
      };
    }
  } catch {
    // not JSON: fall through
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { message: snippet || '(empty body)' };
}
