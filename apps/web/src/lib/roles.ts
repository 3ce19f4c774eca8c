/** Roles and what each may do: one table, one pure function. */
export const roles = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const actions = [
  'hosts.read',
  'hosts.create',
  'hosts.update',
  'hosts.revoke',
  /** Install another agent release on a host (runs code the web serves as root there). */
  'hosts.upgrade',
  /** Remove a host with everything mirrored from it (containers, images, stats history). */
  'hosts.remove',
  'containers.read',
  'containers.operate',
  'containers.env.read',
  /** Elevated container options (privileged, host namespaces, binds…): see protocol elevated.ts. */
  'containers.elevated',
  'terminal.open',
  /** Deploy, edit, roll back, start/stop and remove stacks (their elevated options: admins). */
  'stacks.deploy',
  'users.read',
  'users.manage',
  'audit.read',
  'account.update',
  'registries.credentials',
  'registries.grant',
  /** Store, replace and remove the registry credentials the web keeps (never shown again). */
  'registries.manage',
  /** The Prometheus scrape (`GET /metrics`): the fleet's hosts and containers as numbers. */
  'metrics.read',
  /** Firing and past alerts. */
  'alerts.read',
  /** Alert rules, notification channels and silences. */
  'alerts.manage',
  /** One's own API tokens (admins may also list and revoke everyone's: users.manage). */
  'tokens.manage',
] as const;
export type Action = (typeof actions)[number];

const table: Readonly<Record<Action, readonly Role[]>> = {
  'hosts.read': ['admin', 'operator', 'viewer'],
  'hosts.create': ['admin'],
  'hosts.update': ['admin'],
  'hosts.revoke': ['admin'],
  'hosts.upgrade': ['admin'],
  'hosts.remove': ['admin'],
  'containers.read': ['admin', 'operator', 'viewer'],
  'containers.operate': ['admin', 'operator'],
  /** Environment values (often secrets); viewers see the names only. */
  'containers.env.read': ['admin', 'operator'],
  'containers.elevated': ['admin'],
  'terminal.open': ['admin', 'operator'],
  'stacks.deploy': ['admin', 'operator'],
  'users.read': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'account.update': ['admin', 'operator', 'viewer'],
  /** Pulls and pushes through the web that use credentials stored on the agent, any registry. */
  'registries.credentials': ['admin'],
  /** Grant a registry's stored credentials to everyone who may pull (per registry). */
  'registries.grant': ['admin'],
  'registries.manage': ['admin'],
  'metrics.read': ['admin', 'operator', 'viewer'],
  'alerts.read': ['admin', 'operator', 'viewer'],
  'alerts.manage': ['admin'],
  'tokens.manage': ['admin', 'operator', 'viewer'],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export function can(role: Role, action: Action): boolean {
  return table[action].includes(role);
}
