import type { ContainerEvent } from '@berth/protocol';
import type { AuditEntry } from '../audit/audit-repo.js';

/** Pure: an agent's container event as an audit row (actor `agent:<host>`, action `container.<type>`). */
export function containerEventAudit(
  hostId: string,
  hostName: string,
  event: ContainerEvent,
): AuditEntry {
  const detail: Record<string, unknown> = { name: event.name, image: event.image, at: event.at };
  if (event.exitCode !== undefined) detail.exitCode = event.exitCode;
  if (event.oomKilled !== undefined) detail.oomKilled = event.oomKilled;
  if (event.signal !== undefined) detail.signal = event.signal;
  return {
    actorId: null,
    actorName: `agent:${hostName}`,
    action: `container.${event.type}`,
    target: `container:${hostId}:${event.id}`,
    outcome: event.type === 'oom' ? 'failure' : 'success',
    detail,
  };
}
