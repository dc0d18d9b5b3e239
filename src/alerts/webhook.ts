import { WebhookError } from './errors';

export { WebhookError } from './errors';

/** Hides the secret part of a webhook URL (Slack puts the token in the path) in messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * POSTs JSON to a webhook with a timeout.
 *
 * @param idempotencyKey - sent as `Idempotency-Key`, so a receiver that supports it
 *   can drop the duplicate a retry after a lost response would otherwise cause.
 * @throws WebhookError
 */
export async function postJson(
  url: string,
  body: unknown,
  options: { timeoutMs?: number; idempotencyKey?: string } = {},
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    throw new WebhookError(
      `webhook ${redactUrl(url)} unreachable: ${(error as Error).message}`,
      redactUrl(url),
      undefined,
      true,
    );
  }
  if (!response.ok) {
    const status = response.status;
    const retryable = status === 408 || status === 429 || status >= 500;
    const detail = (await response.text().catch(() => '')).slice(0, 200);
    throw new WebhookError(
      `webhook ${redactUrl(url)} answered ${status}${detail ? `: ${detail}` : ''}`,
      redactUrl(url),
      status,
      retryable,
    );
  }
  await response.arrayBuffer().catch(() => undefined); // drain the body
}
