import type { Db } from '../database/client.js';

export interface AlertRowInput {
  id: string;
  fingerprint: string;
  ruleId: string;
  ruleName: string;
  kind: string;
  hostId: string;
  hostName: string;
  containerId: string | null;
  containerName: string | null;
  stack: string | null;
  summary: string;
  value: number | null;
  startedAt: Date;
  silenced: boolean;
}

/** The only module that touches the alert tables. */
export function createAlertsRepo(db: Db) {
  return {
    rules: {
      list: () => db.alertRule.findMany({ orderBy: [{ name: 'asc' }] }),
      find: (id: string) => db.alertRule.findUnique({ where: { id } }),
      findByName: (name: string) => db.alertRule.findUnique({ where: { name } }),
      create: (data: {
        id: string;
        name: string;
        kind: string;
        params: string;
        scope: string;
        channelIds: string;
        enabled: boolean;
        createdBy: string;
      }) => db.alertRule.create({ data }),
      update: (
        id: string,
        data: Partial<{
          name: string;
          params: string;
          scope: string;
          channelIds: string;
          enabled: boolean;
        }>,
      ) => db.alertRule.update({ where: { id }, data }),
      remove: (id: string) => db.alertRule.delete({ where: { id } }),
    },
    channels: {
      list: () => db.alertChannel.findMany({ orderBy: [{ name: 'asc' }] }),
      find: (id: string) => db.alertChannel.findUnique({ where: { id } }),
      findByName: (name: string) => db.alertChannel.findUnique({ where: { name } }),
      create: (data: {
        id: string;
        name: string;
        type: string;
        config: string;
        createdBy: string;
      }) => db.alertChannel.create({ data }),
      remove: (id: string) => db.alertChannel.delete({ where: { id } }),
    },
    silences: {
      list: () => db.alertSilence.findMany({ orderBy: [{ endsAt: 'desc' }] }),
      active: (at: Date) =>
        db.alertSilence.findMany({ where: { startsAt: { lte: at }, endsAt: { gt: at } } }),
      find: (id: string) => db.alertSilence.findUnique({ where: { id } }),
      create: (data: {
        id: string;
        matchers: string;
        comment: string;
        startsAt: Date;
        endsAt: Date;
        createdBy: string;
      }) => db.alertSilence.create({ data }),
      expire: (id: string, at: Date) =>
        db.alertSilence.update({ where: { id }, data: { endsAt: at } }),
    },
    alerts: {
      create: (data: AlertRowInput) => db.alert.create({ data: { ...data, state: 'firing' } }),
      resolve: (id: string, at: Date) =>
        db.alert.update({ where: { id }, data: { state: 'resolved', resolvedAt: at } }),
      firing: () => db.alert.findMany({ where: { state: 'firing' } }),
      firingFor: (fingerprint: string) =>
        db.alert.findFirst({
          where: { fingerprint, state: 'firing' },
          orderBy: { startedAt: 'desc' },
        }),
      async list(f: {
        state?: 'firing' | 'resolved';
        hostIds?: string[] | null;
        page: number;
        pageSize: number;
      }) {
        const where = {
          ...(f.state ? { state: f.state } : {}),
          ...(f.hostIds ? { hostId: { in: f.hostIds } } : {}),
        };
        const [rows, total] = await Promise.all([
          db.alert.findMany({
            where,
            include: { notifications: { orderBy: [{ at: 'asc' }] } },
            orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
            skip: (f.page - 1) * f.pageSize,
            take: f.pageSize,
          }),
          db.alert.count({ where }),
        ]);
        return { rows, total };
      },
    },
    notifications: {
      create: (data: {
        id: string;
        alertId: string;
        channelId: string;
        channelName: string;
        event: string;
        outcome: string;
        error: string | null;
      }) => db.alertNotification.create({ data }),
    },
  };
}
export type AlertsRepo = ReturnType<typeof createAlertsRepo>;
