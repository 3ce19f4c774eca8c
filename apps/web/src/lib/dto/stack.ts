import type { StackPreview, StackProgress } from '@berth/protocol';
import type { ContainerDto } from './container.js';

/**
 * JSON shapes of the stacks feature on the web API and the /ui socket (shared by server and
 * browser). A stack is a compose project: its definition and versions are the web's, what runs on
 * each host is the agent's (the mirrored containers with Compose's labels).
 */

export const stackDeploymentStatuses = ['deploying', 'running', 'failed', 'removing'] as const;
export type StackDeploymentStatus = (typeof stackDeploymentStatuses)[number];

/** The version the web last deployed to a host, and how that went. */
export interface StackDeploymentDto {
  versionNumber: number;
  status: StackDeploymentStatus;
  error: string | null;
  deployedAt: string | null;
  updatedAt: string;
  operationId: string | null;
}

export interface StackServiceDto {
  name: string;
  containers: ContainerDto[];
}

/** One host's copy of a stack. */
export interface StackHostDto {
  hostId: string;
  hostName: string;
  online: boolean;
  services: StackServiceDto[];
  deployment: StackDeploymentDto | null;
  running: number;
  total: number;
  /** The worst health of its containers with a health check; null when none has one. */
  health: 'healthy' | 'starting' | 'unhealthy' | null;
  /** Why what runs differs from what the web deployed there (empty: no drift). */
  drift: string[];
  /** It was deployed an older version than the stack's latest. */
  outdated: boolean;
}

export interface StackSummaryDto {
  name: string;
  /** Has a definition in the web (else only found running, e.g. `berth compose up` on a host). */
  managed: boolean;
  latestVersion: number | null;
  updatedAt: string | null;
  hosts: StackHostDto[];
}

export interface StackVersionMetaDto {
  number: number;
  message: string | null;
  createdAt: string;
  createdBy: string;
}

export interface StackDetailDto extends StackSummaryDto {
  versions: StackVersionMetaDto[];
}

export interface StackVersionDto extends StackVersionMetaDto {
  compose: string;
  env: string;
}

/** A deploy (or other operation) started on a host; its steps arrive as `stacks.progress`. */
export interface StackOperationDto {
  hostId: string;
  operationId: string;
}

export interface StackDeployResponseDto {
  stack: StackDetailDto;
  operations: StackOperationDto[];
}

export type StackPreviewDto = StackPreview & { hostId: string };

/** One line of the stack's combined logs. */
export interface StackLogEntryDto {
  time: string;
  service: string;
  container: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** `/ui` 'stacks.progress': one step of an operation on a host. */
export type StackProgressEvent = StackProgress & {
  hostId: string;
  operationId: string;
  project: string;
};

/** `/ui` 'stacks.operation': an operation ended. */
export interface StackOperationEndEvent {
  hostId: string;
  operationId: string;
  project: string;
  outcome: 'done' | 'failed';
  error: string | null;
}
