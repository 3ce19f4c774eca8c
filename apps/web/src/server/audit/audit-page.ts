import type { Db } from '../database/client.js';

type AuditWhere = NonNullable<Parameters<Db['auditEvent']['findMany']>[0]>['where'];

/**
 * One page of AuditEvent rows, newest first (ties by id so pages do not overlap), with the total
 * that matches: the query behind both the Audit log and the Events page.
 */
export async function pageOfAuditEvents(
  db: Db,
  where: AuditWhere,
  page: { page: number; pageSize: number },
) {
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.auditEvent.count({ where }),
  ]);
  return { rows, total };
}
