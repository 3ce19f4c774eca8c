import type { EventsFilter, EventsRepo } from './events-repo.js';
import type { Principal } from '../auth/principal.js';
import { allows } from '../tokens/access.js';
import { toAuditPageDto, type AuditPageDto } from '../../lib/dto/audit.js';

/**
 * The Events page: container events reported by agents for everyone who may read containers,
 * plus people's actions (audit) for those who may read the audit log.
 */
export function createEventsService(deps: { events: EventsRepo }) {
  return {
    async list(p: Principal, filter: EventsFilter): Promise<AuditPageDto> {
      const kind = allows(p, 'audit.read') ? filter.kind : 'container';
      return toAuditPageDto(await deps.events.list({ ...filter, kind }), filter);
    },
  };
}
export type EventsService = ReturnType<typeof createEventsService>;
