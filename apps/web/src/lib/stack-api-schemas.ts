import { z } from 'zod';
import {
  CONTAINER_LOGS_MAX_ENTRIES,
  CreateVolumeRequestSchema,
  ProjectNameSchema,
  STACK_ENV_MAX_BYTES,
  STACK_FILE_MAX_BYTES,
  VolumePathSchema,
} from '@berth/protocol';

/** Request bodies of the stacks and volumes APIs (validated by the route handlers). */

const file = {
  compose: z.string().min(1, 'the compose file is empty').max(STACK_FILE_MAX_BYTES),
  env: z.string().max(STACK_ENV_MAX_BYTES).default(''),
};
const hostIds = z.array(z.string().min(1).max(64)).min(1, 'choose a host').max(64);

export const CreateStackBody = z
  .object({ name: ProjectNameSchema.max(63), ...file, hostIds })
  .strict();
export type CreateStackBody = z.input<typeof CreateStackBody>;

export const UpdateStackBody = z
  .object({ ...file, message: z.string().max(200).optional(), hostIds: hostIds.optional() })
  .strict();
export type UpdateStackBody = z.input<typeof UpdateStackBody>;

export const PreviewStackBody = z.object({ ...file, hostId: z.string().min(1).max(64) }).strict();
export type PreviewStackBody = z.input<typeof PreviewStackBody>;

export const DeployStackBody = z
  .object({ hostIds, version: z.number().int().positive().optional() })
  .strict();
export type DeployStackBody = z.input<typeof DeployStackBody>;

export const RollbackStackBody = z.object({ version: z.number().int().positive() }).strict();

export const stackHostActions = ['start', 'stop', 'restart'] as const;

export const PreviewNewStackBody = PreviewStackBody.extend({
  name: ProjectNameSchema.max(63),
}).strict();

export const LintStackBody = z
  .object({
    compose: z.string().max(STACK_FILE_MAX_BYTES),
    env: z.string().max(STACK_ENV_MAX_BYTES).default(''),
  })
  .strict();

/** `?volumes=true`: `down -v`. */
export const RemoveStackQuery = z.object({ volumes: z.enum(['true', 'false']).optional() });

export const StackLogsQuery = z.object({
  tail: z.coerce.number().int().min(1).max(CONTAINER_LOGS_MAX_ENTRIES).default(500),
});

export const CreateVolumeBody = CreateVolumeRequestSchema.pick({ name: true }).strict();

export const VolumeFilesQuery = z.object({ path: VolumePathSchema.default('/') });
export const VolumeDownloadQuery = z.object({ path: VolumePathSchema });
