/**
 * Tells serving processes that production changed: the promotion and rollback
 * activities POST to each configured `/admin/reload` URL right after the
 * switch. Best effort by design: a server that is down or slow never fails or
 * delays a promotion (each call gives up after a few seconds), because every
 * server also polls `models/production` and catches up on its own.
 */

/** Where and how to notify. */
export interface ReloadNotifierSettings {
  /** Admin reload URLs, e.g. `http://serving:8000/admin/reload`. */
  readonly urls: readonly string[];
  /** Bearer token the servers accept on admin routes (their SERVING_ADMIN_KEYS). */
  readonly token?: string;
  /** @default 3000 */
  readonly timeoutMs?: number;
}

/** What one server answered. */
export interface ReloadNotice {
  readonly url: string;
  readonly ok: boolean;
  /** HTTP status, or the network error. */
  readonly outcome: string;
}

/** The part of a pino logger the notifier uses. */
export interface NotifierLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Reads `SERVING_RELOAD_URLS` (comma-separated) and `SERVING_ADMIN_KEY`;
 * undefined when no URL is set.
 *
 * @throws Error naming the variable when a URL is not http(s)
 */
export function reloadNotifierFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): ReloadNotifierSettings | undefined {
  const urls = (env.SERVING_RELOAD_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  if (urls.length === 0) return undefined;
  for (const url of urls) {
    if (!/^https?:\/\/\S+$/.test(url)) throw new Error(`SERVING_RELOAD_URLS: "${url}" is not an http(s) URL`);
  }
  const token = env.SERVING_ADMIN_KEY?.trim();
  return { urls, ...(token ? { token } : {}) };
}

/** POSTs to every URL at once; resolves when all answered or gave up. Never rejects. */
export async function notifyServers(
  settings: ReloadNotifierSettings,
  logger: NotifierLogger,
  production: string,
): Promise<ReloadNotice[]> {
  const notices = await Promise.all(
    settings.urls.map(async (url): Promise<ReloadNotice> => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
          },
          body: JSON.stringify({ production }),
          signal: AbortSignal.timeout(settings.timeoutMs ?? 3000),
        });
        await response.arrayBuffer();
        return { url, ok: response.ok, outcome: `HTTP ${response.status}` };
      } catch (error) {
        return { url, ok: false, outcome: (error as Error).message };
      }
    }),
  );
  for (const notice of notices) {
    if (notice.ok)
      logger.info({ ...notice, production }, 'serving process notified of the production switch');
    else
      logger.warn(
        { ...notice, production },
        'serving process not notified of the production switch; it will notice through its poll',
      );
  }
  return notices;
}
