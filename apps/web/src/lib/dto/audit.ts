export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export interface AuditEventDto {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: string | null;
  ip: string | null;
}

export interface AuditPageDto {
  events: AuditEventDto[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditRowLike {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
  ip: string | null;
}

export function toAuditEventDto(row: AuditRowLike): AuditEventDto {
  return {
    ...row,
    at: row.at.toISOString(),
    outcome: (auditOutcomes as readonly string[]).includes(row.outcome)
      ? (row.outcome as AuditOutcome)
      : 'failure',
  };
}

export function toAuditPageDto(
  { rows, total }: { rows: AuditRowLike[]; total: number },
  { page, pageSize }: { page: number; pageSize: number },
): AuditPageDto {
  return { events: rows.map(toAuditEventDto), total, page, pageSize };
}
