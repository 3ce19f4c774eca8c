import {
  HealthStatusSchema,
  ContainerLimitsSchema,
  ContainerStateSchema,
  PortBindingSchema,
  type ContainerLimits,
} from '@berth/protocol';
import { z } from 'zod';
import type { ContainerDto } from '../../lib/dto/container.js';

/** The columns of a Container row (structural, so this stays pure and Prisma-free). */
export interface ContainerRowLike {
  id: string;
  hostId: string;
  engineId: string;
  name: string;
  image: string;
  imageId: string | null;
  command: string;
  state: string;
  exitCode: number | null;
  oomKilled: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  ports: string;
  limits: string;
  labels: string;
  restartPolicy: string;
  health: string | null;
  elevated: string;
}

const noLimits: ContainerLimits = {
  memory: null,
  memorySwap: null,
  cpus: null,
  pidsLimit: null,
  cpuShares: null,
  cpusetCpus: null,
};

// Built once: these run for every row of every list.
const CommandSchema = z.array(z.string());
const PortsSchema = z.array(PortBindingSchema);
const LabelsSchema = z.record(z.string(), z.string());
const ElevatedSchema = z.array(z.string());

function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function toDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Pure: DTO → the row's columns (JSON columns serialized, times parsed). */
export function dtoToRow(dto: ContainerDto): ContainerRowLike {
  return {
    id: dto.id,
    hostId: dto.hostId,
    engineId: dto.engineId,
    name: dto.name,
    image: dto.image,
    imageId: dto.imageId,
    command: JSON.stringify(dto.command),
    state: dto.state,
    exitCode: dto.exitCode,
    oomKilled: dto.oomKilled,
    createdAt: toDate(dto.createdAt) ?? new Date(0),
    startedAt: toDate(dto.startedAt),
    finishedAt: toDate(dto.finishedAt),
    ports: JSON.stringify(dto.ports),
    limits: JSON.stringify(dto.limits),
    labels: JSON.stringify(dto.labels),
    restartPolicy: dto.restartPolicy,
    health: dto.health,
    elevated: JSON.stringify(dto.elevated),
  };
}

/** Pure: row → DTO; unreadable JSON columns fall back to empty values instead of failing. */
export function rowToDto(row: ContainerRowLike): ContainerDto {
  const state = ContainerStateSchema.safeParse(row.state);
  return {
    id: row.id,
    hostId: row.hostId,
    engineId: row.engineId,
    name: row.name,
    image: row.image,
    imageId: row.imageId,
    command: parseJson(row.command, CommandSchema, []),
    state: state.success ? state.data : 'exited',
    exitCode: row.exitCode,
    oomKilled: row.oomKilled,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt ? row.startedAt.toISOString() : null,
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    ports: parseJson(row.ports, PortsSchema, []),
    limits: parseJson(row.limits, ContainerLimitsSchema, noLimits),
    labels: parseJson(row.labels, LabelsSchema, {}),
    restartPolicy: row.restartPolicy,
    health: HealthStatusSchema.safeParse(row.health).data ?? null,
    elevated: parseJson(row.elevated, ElevatedSchema, []),
  };
}

/** Pure: what the DTO looks like after a round trip through the database (ms times). */
export function normalizeDto(dto: ContainerDto): ContainerDto {
  return rowToDto(dtoToRow(dto));
}
