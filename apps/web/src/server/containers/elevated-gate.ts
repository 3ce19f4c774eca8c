import type { CreateContainerRequest, ElevatedOption } from '@berth/protocol';
import { ProtocolError } from '@berth/protocol';
import { can, type Role } from '../../lib/roles.js';

/** Pure: `KEY=value` → `KEY=***`: the audit log keeps which variables were set, not their values. */
export function redactEnvEntry(entry: string): string {
  const at = entry.indexOf('=');
  return at < 0 ? entry : `${entry.slice(0, at)}=***`;
}

/** Pure: a create request as the audit log keeps it — whole, with environment values hidden. */
export function auditedCreateRequest(req: CreateContainerRequest): Record<string, unknown> {
  return { ...req, env: (req.env ?? []).map(redactEnvEntry) };
}

/**
 * Pure: null when `role` may use these elevated options, else the refusal to throw (403, naming
 * them): elevated options need `containers.elevated` (admins), whatever else the role may do.
 */
export function elevatedRefusal(
  role: Role,
  options: readonly ElevatedOption[],
  /** False when the request's API token lacks the scope (admin) elevated options need. */
  tokenAllows = true,
): ProtocolError | null {
  if (options.length === 0 || (can(role, 'containers.elevated') && tokenAllows)) return null;
  if (can(role, 'containers.elevated'))
    return new ProtocolError(
      'PERMISSION_DENIED',
      `elevated options need an API token with the admin scope: ${options.map((o) => o.label).join(', ')}`,
      { elevated: options.map((o) => o.token) },
    );
  return new ProtocolError(
    'PERMISSION_DENIED',
    `${role}s cannot use elevated options: ${options.map((o) => o.label).join(', ')} — ask an admin`,
    { elevated: options.map((o) => o.token) },
  );
}
