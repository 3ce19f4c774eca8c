import * as z from 'zod';
import { RuntimeError } from '../errors.js';
import type { Credentials } from './credentials.js';
import type { AuthChallenge } from './www-authenticate.js';
import { isAllowedTokenRealm } from './endpoint.js';
import { fetchWithRedirects } from './redirects.js';

const tokenResponseSchema = z
  .object({
    token: z.string().optional(),
    access_token: z.string().optional(),
    expires_in: z.number().optional(),
  })
  .refine((t) => t.token || t.access_token, 'token response has no token');

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Holds one registry host's authorization state: whether it wants Basic, and Bearer tokens
 * cached per scope set (the Docker token flow: realm?service=…&scope=…).
 */
export class Authorizer {
  private readonly tokens = new Map<string, CachedToken>();
  private basic = false;

  constructor(
    private readonly credentials: () => Promise<Credentials | undefined>,
    private readonly fetchImpl: typeof fetch,
    /** The registry's base URL (`https://host`): decides which token realms are acceptable. */
    private readonly registryBaseUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The Authorization header to send for these scopes, if any is known. */
  async header(scopes: readonly string[]): Promise<string | undefined> {
    const cached = this.tokens.get(scopeKey(scopes));
    if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.token}`;
    if (this.basic) {
      const c = await this.credentials();
      if (c) return basicHeader(c);
    }
    return undefined;
  }

  /**
   * Handles a 401's challenges; returns true when a retry with fresh authorization makes sense.
   * `sent` is the Authorization header the refused request carried (concurrent requests may
   * have been sent before another one learned the scheme).
   */
  async challenge(
    challenges: readonly AuthChallenge[],
    scopes: readonly string[],
    sent?: string,
  ): Promise<boolean> {
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      const token = await this.fetchToken(bearer, scopes);
      this.tokens.set(scopeKey(scopes), token);
      return true;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      if (sent?.startsWith('Basic ')) return false; // credentials were sent and refused
      if (!(await this.credentials())) return false;
      this.basic = true;
      return true;
    }
    return false;
  }

  private async fetchToken(ch: AuthChallenge, scopes: readonly string[]): Promise<CachedToken> {
    const realm = ch.params.realm;
    if (!realm || !URL.canParse(realm))
      throw new RuntimeError('UNAUTHENTICATED', `bearer challenge without a usable realm`);
    const url = new URL(realm);
    if (!isAllowedTokenRealm(url, this.registryBaseUrl))
      throw new RuntimeError(
        'PERMISSION_DENIED',
        `refusing token realm ${url.origin}: it must be https, or the registry's own host when the registry is plain http`,
      );
    if (ch.params.service) url.searchParams.set('service', ch.params.service);
    const wanted = scopes.length > 0 ? scopes : ch.params.scope ? [ch.params.scope] : [];
    for (const s of wanted) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    const creds = await this.credentials();
    if (creds) headers.authorization = basicHeader(creds);
    let res: Response;
    try {
      res = await fetchWithRedirects(this.fetchImpl, url.toString(), { headers });
    } catch (err) {
      throw RuntimeError.wrap(err, `token request to ${url.origin}`, 'UNAVAILABLE');
    }
    if (res.status === 401 || res.status === 403) {
      throw new RuntimeError(
        'UNAUTHENTICATED',
        `token server ${url.origin} refused ${creds ? 'the credentials' : 'anonymous access'} (${res.status})`,
      );
    }
    if (!res.ok)
      throw new RuntimeError('UNAVAILABLE', `token server ${url.origin} answered ${res.status}`);
    const parsed = tokenResponseSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success)
      throw new RuntimeError(
        'UNAUTHENTICATED',
        `token server ${url.origin} sent a malformed token response`,
      );
    const ttl = Math.max(parsed.data.expires_in ?? 60, 10);
    return {
      token: (parsed.data.token ?? parsed.data.access_token)!,
      expiresAt: this.now() + (ttl - 5) * 1000,
    };
  }
}

export function basicHeader(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

function scopeKey(scopes: readonly string[]): string {
  return [...scopes].sort().join(' ');
}
