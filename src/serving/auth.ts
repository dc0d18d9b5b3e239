/**
 * Bearer-token checks. Tokens are compared through their SHA-256 digests with
 * `timingSafeEqual`, so neither a token's length nor its prefix leaks through
 * the time a refusal takes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ServingError, ServingProblem } from './errors';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Checks `Authorization: Bearer <token>` headers against a set of tokens. */
export class BearerTokens {
  private readonly digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  /** True when no token is configured. */
  get isEmpty(): boolean {
    return this.digests.length === 0;
  }

  /** True when `header` carries one of the tokens. */
  accepts(header: string | undefined): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!match) return false;
    const offered = digest(match[1]!);
    let ok = false;
    for (const d of this.digests) ok = timingSafeEqual(d, offered) || ok;
    return ok;
  }

  /**
   * @param required - refuse even when no token is configured (admin routes)
   * @throws ServingError 401 when the header does not carry a token
   */
  check(header: string | undefined, required: boolean, what: string): void {
    if (this.isEmpty && !required) return;
    if (this.isEmpty) {
      throw new ServingError(
        401,
        ServingProblem.Unauthorized,
        `${what} needs a bearer token, and this server has none configured (set SERVING_ADMIN_KEYS or SERVING_API_KEYS)`,
      );
    }
    if (!this.accepts(header)) {
      throw new ServingError(
        401,
        ServingProblem.Unauthorized,
        `${what} needs "Authorization: Bearer <token>" with a valid token`,
      );
    }
  }
}
