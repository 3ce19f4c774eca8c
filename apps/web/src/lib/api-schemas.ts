import { z } from 'zod';
import { roles } from './roles.js';
import { statsRanges } from './stats/chart-points.js';

/** Request bodies of the web API, shared by route handlers and the browser's forms. */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/i, '2-32 letters, digits, dot, dash or underscore');
export const passwordSchema = z
  .string()
  .min(10, 'at least 10 characters')
  .max(256, 'at most 256 characters');
export const hostNameSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/i,
    '1-63 letters, digits, dot, dash or underscore',
  );

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: passwordSchema,
});
export const CreateUserBody = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: z.enum(roles),
});
export const UpdateUserBody = z
  .object({ role: z.enum(roles).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.disabled !== undefined, 'nothing to change');
export const ResetPasswordBody = z.object({ password: passwordSchema });
export const CreateHostBody = z.object({ name: hostNameSchema });
export const RenameHostBody = z.object({ name: hostNameSchema });
export const AuditQuery = z.object({
  action: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const PingQuery = z.object({
  timeoutMs: z.coerce.number().int().min(50).max(30_000).default(5000),
});
export const StatsRangeQuery = z.object({ range: z.enum(statsRanges).default('15m') });
export const GrantRegistryBody = z.object({ registry: z.string().min(1).max(255) }).strict();
export const RegistryQuery = z.object({ registry: z.string().min(1).max(255) });
