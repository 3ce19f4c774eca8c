import type { TokenDto } from '../../lib/dto/token.js';
import { CreateTokenBody, type CreateTokenInput } from '../../lib/token-api-schemas.js';
import type { TokenScope } from '../../lib/token-scopes.js';

export interface TokenViewModel {
  id: string;
  name: string;
  owner: string;
  prefix: string;
  scopes: string;
  hosts: string;
  created: string;
  expires: string;
  lastUsed: string;
  status: TokenDto['status'];
  canRevoke: boolean;
}

const day = (iso: string | null, none: string) => (iso ? iso.slice(0, 10) : none);

/** Pure: a token as its table row shows it (host ids named when known). */
export function toTokenViewModel(
  t: TokenDto,
  hostNames: ReadonlyMap<string, string>,
): TokenViewModel {
  return {
    id: t.id,
    name: t.name,
    owner: t.owner.username,
    prefix: `${t.prefix}…`,
    scopes: t.scopes.join(', '),
    hosts: t.hosts ? t.hosts.map((h) => hostNames.get(h) ?? h).join(', ') : 'all hosts',
    created: day(t.createdAt, ''),
    expires: day(t.expiresAt, 'never'),
    lastUsed: t.lastUsedAt
      ? `${t.lastUsedAt.slice(0, 16).replace('T', ' ')}${t.lastUsedIp ? ` from ${t.lastUsedIp}` : ''}`
      : 'never',
    status: t.status,
    canRevoke: t.status === 'active',
  };
}

export interface TokenForm {
  name: string;
  scopes: TokenScope[];
  /** Empty = every host. */
  hosts: string[];
  /** Days until it expires; '' = never. */
  expiresInDays: string;
}

/** Pure: the form → the request body, or what is wrong with it. */
export function toCreateTokenRequest(
  form: TokenForm,
  now: Date,
): { ok: true; body: CreateTokenInput } | { ok: false; error: string } {
  const days = form.expiresInDays === '' ? null : Number(form.expiresInDays);
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 365))
    return { ok: false, error: 'Expiry: 1 to 365 days, or never' };
  const parsed = CreateTokenBody.safeParse({
    name: form.name,
    scopes: form.scopes,
    hosts: form.hosts.length ? form.hosts : null,
    expiresAt: days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString(),
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { ok: false, error: `${i.path.join('.') || 'form'}: ${i.message}` };
  }
  return { ok: true, body: parsed.data };
}
