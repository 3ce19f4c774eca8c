import type { Action } from './roles.js';

/**
 * What an API token may do, besides what its owner's role allows (docs: README "API tokens").
 * Pure and shared by the server (enforcement) and the browser (the token form).
 *
 * - `read`: every read of the API (hosts, containers, images, networks, stats, events; users and
 *   the audit log for admins).
 * - `operate`: `read` plus acting on containers, images, networks and stacks, and reading
 *   environment values.
 * - `admin`: everything the owner's role may do, including hosts, users, elevated options,
 *   alert rules, metrics and managing the owner's tokens.
 * - `metrics`: `GET /metrics` only (a Prometheus scrape target).
 */
export const tokenScopes = ['read', 'operate', 'admin', 'metrics'] as const;
export type TokenScope = (typeof tokenScopes)[number];

const readActions: readonly Action[] = [
  'hosts.read',
  'containers.read',
  'users.read',
  'audit.read',
  'alerts.read',
];
const operateActions: readonly Action[] = [
  ...readActions,
  'containers.operate',
  'containers.env.read',
  'terminal.open',
  'stacks.deploy',
];

/** Pure: whether `scopes` cover `action` (the owner's role is checked separately). */
export function scopesAllow(scopes: readonly TokenScope[], action: Action): boolean {
  if (scopes.includes('admin')) return true;
  if (action === 'metrics.read') return scopes.includes('metrics');
  if (scopes.includes('operate') && operateActions.includes(action)) return true;
  return scopes.includes('read') && readActions.includes(action);
}

/** Pure: `wanted` ⊆ what `held` allows (a token creating a token cannot widen itself). */
export function scopesWithin(wanted: readonly TokenScope[], held: readonly TokenScope[]): boolean {
  return wanted.every(
    (s) => held.includes(s) || held.includes('admin') || (s === 'read' && held.includes('operate')),
  );
}
