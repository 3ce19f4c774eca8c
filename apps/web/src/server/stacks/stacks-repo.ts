import type { Db } from '../database/client.js';
import { randomId } from '../auth/secrets.js';
import type {
  StackDeploymentDto,
  StackDeploymentStatus,
  StackVersionDto,
  StackVersionMetaDto,
} from '../../lib/dto/stack.js';

export interface StackRecord {
  id: string;
  name: string;
  updatedAt: Date;
  versions: StackVersionMetaDto[];
  deployments: (StackDeploymentDto & { hostId: string; serviceHashes: Record<string, string> })[];
}

function parseHashes(json: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}

const versionMeta = (v: {
  number: number;
  message: string | null;
  createdAt: Date;
  createdBy: string;
}): StackVersionMetaDto => ({
  number: v.number,
  message: v.message,
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdBy,
});

const include = {
  versions: {
    select: { number: true, message: true, createdAt: true, createdBy: true },
    orderBy: { number: 'desc' as const },
  },
  deployments: true,
};

type Row = {
  id: string;
  name: string;
  updatedAt: Date;
  versions: { number: number; message: string | null; createdAt: Date; createdBy: string }[];
  deployments: {
    hostId: string;
    versionNumber: number;
    status: string;
    error: string | null;
    serviceHashes: string;
    operationId: string | null;
    updatedAt: Date;
    deployedAt: Date | null;
  }[];
};

function toRecord(r: Row): StackRecord {
  return {
    id: r.id,
    name: r.name,
    updatedAt: r.updatedAt,
    versions: r.versions.map(versionMeta),
    deployments: r.deployments.map((d) => ({
      hostId: d.hostId,
      versionNumber: d.versionNumber,
      status: d.status as StackDeploymentStatus,
      error: d.error,
      deployedAt: d.deployedAt?.toISOString() ?? null,
      updatedAt: d.updatedAt.toISOString(),
      operationId: d.operationId,
      serviceHashes: parseHashes(d.serviceHashes),
    })),
  };
}

/** The Stack, StackVersion and StackDeployment tables. */
export function createStacksRepo(db: Db) {
  return {
    async list(): Promise<StackRecord[]> {
      const rows = await db.stack.findMany({ include, orderBy: { name: 'asc' } });
      return rows.map(toRecord);
    },

    async find(name: string): Promise<StackRecord | null> {
      const row = await db.stack.findUnique({ where: { name }, include });
      return row ? toRecord(row) : null;
    },

    async version(stackId: string, number: number): Promise<StackVersionDto | null> {
      const v = await db.stackVersion.findUnique({
        where: { stackId_number: { stackId, number } },
      });
      return v ? { ...versionMeta(v), compose: v.compose, env: v.env } : null;
    },

    /** A new stack with its first version. */
    async create(
      name: string,
      by: string,
      file: { compose: string; env: string },
    ): Promise<StackRecord> {
      const row = await db.stack.create({
        data: {
          id: randomId(),
          name,
          createdBy: by,
          versions: {
            create: {
              id: randomId(),
              number: 1,
              createdBy: by,
              compose: file.compose,
              env: file.env,
            },
          },
        },
        include,
      });
      return toRecord(row);
    },

    /** The next version (numbers stay dense: one transaction reads the last and adds one). */
    async addVersion(
      stackId: string,
      by: string,
      file: { compose: string; env: string; message?: string | null },
    ): Promise<number> {
      return db.$transaction(async (tx) => {
        const last = await tx.stackVersion.findFirst({
          where: { stackId },
          orderBy: { number: 'desc' },
          select: { number: true },
        });
        const number = (last?.number ?? 0) + 1;
        await tx.stackVersion.create({
          data: {
            id: randomId(),
            stackId,
            number,
            createdBy: by,
            compose: file.compose,
            env: file.env,
            message: file.message ?? null,
          },
        });
        await tx.stack.update({ where: { id: stackId }, data: { updatedAt: new Date() } });
        return number;
      });
    },

    async setDeployment(
      stackId: string,
      hostId: string,
      d: {
        versionNumber?: number;
        status: StackDeploymentStatus;
        error?: string | null;
        operationId?: string | null;
        serviceHashes?: Record<string, string>;
        deployedAt?: Date;
      },
    ): Promise<void> {
      const data = {
        status: d.status,
        ...(d.versionNumber !== undefined ? { versionNumber: d.versionNumber } : {}),
        ...(d.error !== undefined ? { error: d.error } : {}),
        ...(d.operationId !== undefined ? { operationId: d.operationId } : {}),
        ...(d.serviceHashes ? { serviceHashes: JSON.stringify(d.serviceHashes) } : {}),
        ...(d.deployedAt ? { deployedAt: d.deployedAt } : {}),
      };
      await db.stackDeployment.upsert({
        where: { stackId_hostId: { stackId, hostId } },
        create: {
          id: `${stackId}:${hostId}`,
          stackId,
          hostId,
          versionNumber: d.versionNumber ?? 0,
          ...data,
        },
        update: data,
      });
    },

    async removeDeployment(stackId: string, hostId: string): Promise<void> {
      await db.stackDeployment.deleteMany({ where: { stackId, hostId } });
    },

    async remove(stackId: string): Promise<void> {
      await db.stack.deleteMany({ where: { id: stackId } });
    },
  };
}
export type StacksRepo = ReturnType<typeof createStacksRepo>;
