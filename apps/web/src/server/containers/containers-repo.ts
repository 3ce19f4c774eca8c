import type { Db } from '../database/client.js';
import type { ContainerDto } from '../../lib/dto/container.js';
import { dtoToRow, rowToDto } from './container-rows.js';
import type { ContainerDiff } from '../inventory/diff.js';

export interface ContainerListFilter {
  hostId?: string;
  state?: string;
  image?: string;
  name?: string;
}

/** Exactly the columns `rowToDto` reads (one query, no relations, no `syncedAt`). */
const rowColumns = {
  id: true,
  hostId: true,
  engineId: true,
  name: true,
  image: true,
  imageId: true,
  command: true,
  state: true,
  exitCode: true,
  oomKilled: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  ports: true,
  limits: true,
  labels: true,
  restartPolicy: true,
  health: true,
  elevated: true,
} as const;

/** The Container table: the web's mirror of every agent's containers. */
export function createContainersRepo(db: Db) {
  type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

  async function upsertIn(tx: Tx, dto: ContainerDto) {
    const row = dtoToRow(dto);
    // Names are unique per host: move a stale holder of this name aside (its own upsert in the
    // same full list gives it its new name; a removed one is deleted before).
    await tx.container.updateMany({
      where: { hostId: dto.hostId, name: dto.name, NOT: { id: dto.id } },
      data: { name: `~${dto.engineId.slice(0, 32)}~${Date.now()}` },
    });
    const { id: _id, ...data } = row;
    await tx.container.upsert({
      where: { id: row.id },
      create: { ...row, syncedAt: new Date() },
      update: { ...data, syncedAt: new Date() },
    });
  }

  return {
    async list(f: ContainerListFilter = {}): Promise<ContainerDto[]> {
      const rows = await db.container.findMany({
        where: {
          ...(f.hostId ? { hostId: f.hostId } : {}),
          ...(f.state ? { state: f.state } : {}),
          ...(f.image ? { image: { contains: f.image } } : {}),
          ...(f.name ? { name: { contains: f.name } } : {}),
        },
        orderBy: [{ hostId: 'asc' }, { name: 'asc' }],
        select: rowColumns,
      });
      return rows.map(rowToDto);
    },

    async find(hostId: string, engineId: string): Promise<ContainerDto | null> {
      const row = await db.container.findUnique({
        where: { hostId_engineId: { hostId, engineId } },
      });
      return row ? rowToDto(row) : null;
    },

    /** By the agent's id or the container's name (how users and the UI refer to one). */
    async findByRef(hostId: string, ref: string): Promise<ContainerDto | null> {
      const row = await db.container.findFirst({
        where: { hostId, OR: [{ engineId: ref }, { name: ref }] },
      });
      return row ? rowToDto(row) : null;
    },

    /** Apply a reconciliation diff of one host in one transaction. */
    async apply(diff: ContainerDiff): Promise<void> {
      if (diff.upserted.length === 0 && diff.removed.length === 0) return;
      await db.$transaction(async (tx) => {
        if (diff.removed.length > 0) {
          await tx.container.deleteMany({ where: { id: { in: diff.removed } } });
        }
        for (const dto of diff.upserted) await upsertIn(tx, dto);
      });
    },

    async hostName(hostId: string): Promise<string | null> {
      const h = await db.host.findUnique({ where: { id: hostId }, select: { name: true } });
      return h?.name ?? null;
    },
  };
}
export type ContainersRepo = ReturnType<typeof createContainersRepo>;
