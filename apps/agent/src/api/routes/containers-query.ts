import * as z from 'zod';

/** `?flag=true|false|1|0` (absent = undefined). */
export const boolParam = z
  .enum(['true', 'false', '1', '0', ''])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** `?t=10` non-negative integer seconds. */
export const secondsParam = z
  .string()
  .regex(/^\d{1,5}$/, 'expected whole seconds')
  .transform(Number)
  .optional();

/** `?tail=N|all`. */
export const tailParam = z
  .string()
  .regex(/^(\d{1,9}|all)$/, 'tail is a number or "all"')
  .transform((v) => (v === 'all' ? undefined : Number(v)))
  .optional();

/** `?since=` RFC 3339 or unix seconds. */
export const sinceParam = z
  .string()
  .refine((v) => /^\d+(\.\d+)?$/.test(v) || !Number.isNaN(Date.parse(v)), 'since is a time')
  .transform((v) => (/^\d+(\.\d+)?$/.test(v) ? new Date(Number(v) * 1000) : new Date(v)))
  .optional();
