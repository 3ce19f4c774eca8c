import * as z from 'zod';
import { describeIssues } from '../../validate.js';
import { invalidArgument } from '../../errors.js';

/**
 * A seccomp profile in the format Docker reads (`--security-opt seccomp=FILE`): the OCI
 * `linux.seccomp` fields plus rules that apply only with some capabilities, on some
 * architectures or from some kernel version (`includes` / `excludes`), and an `archMap` naming
 * each native architecture's sub-architectures. resolve.ts turns it into the OCI form.
 */

/** Actions runc applies. SCMP_ACT_NOTIFY is left out: Berth runs no seccomp agent to answer it. */
export const seccompActions = [
  'SCMP_ACT_KILL',
  'SCMP_ACT_KILL_PROCESS',
  'SCMP_ACT_KILL_THREAD',
  'SCMP_ACT_TRAP',
  'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE',
  'SCMP_ACT_ALLOW',
  'SCMP_ACT_LOG',
] as const;

const action = z.enum(seccompActions);
const scmpArch = z
  .string()
  .regex(/^SCMP_ARCH_[A-Z0-9_]+$/, 'architectures look like SCMP_ARCH_X86_64');
const errno = z.number().int().min(0).max(4095);
/** Argument values are unsigned 64-bit; JSON numbers are exact up to 2^53. */
const argValue = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const argSchema = z.object({
  index: z.number().int().min(0).max(5),
  value: argValue,
  valueTwo: argValue.optional(),
  op: z.enum([
    'SCMP_CMP_NE',
    'SCMP_CMP_LT',
    'SCMP_CMP_LE',
    'SCMP_CMP_EQ',
    'SCMP_CMP_GE',
    'SCMP_CMP_GT',
    'SCMP_CMP_MASKED_EQ',
  ]),
});

const filterSchema = z.object({
  caps: z
    .array(z.string().regex(/^CAP_[A-Z_]+$/, 'capabilities look like CAP_SYS_ADMIN'))
    .optional(),
  /** Native architecture names as Docker spells them: amd64, x86, x32, arm64, arm, … */
  arches: z.array(z.string().regex(/^[a-z0-9]+$/)).optional(),
  minKernel: z
    .string()
    .regex(/^\d+\.\d+$/, 'minKernel is "<major>.<minor>"')
    .optional(),
});
export type SeccompFilter = z.infer<typeof filterSchema>;

const syscallName = z.string().regex(/^[a-z0-9_]+$/, 'syscall names look like clone3');

const ruleSchema = z
  .object({
    names: z.array(syscallName).optional(),
    /** The older single-name form. */
    name: syscallName.optional(),
    action,
    errnoRet: errno.optional(),
    args: z.array(argSchema).nullable().optional(),
    comment: z.string().optional(),
    includes: filterSchema.optional(),
    excludes: filterSchema.optional(),
  })
  .refine((r) => (r.names?.length ?? 0) > 0 !== (r.name !== undefined), {
    message: 'a rule has either "names" or "name"',
  })
  .transform(({ name, names, ...rest }) => ({ ...rest, names: names ?? [name!] }));
export type SeccompRule = z.output<typeof ruleSchema>;

export const seccompProfileSchema = z
  .object({
    comment: z.string().optional(),
    defaultAction: action,
    defaultErrnoRet: errno.optional(),
    architectures: z.array(scmpArch).optional(),
    archMap: z
      .array(
        z.object({
          architecture: scmpArch,
          subArchitectures: z.array(scmpArch).nullable().default([]),
        }),
      )
      .optional(),
    flags: z
      .array(
        z.enum([
          'SECCOMP_FILTER_FLAG_TSYNC',
          'SECCOMP_FILTER_FLAG_LOG',
          'SECCOMP_FILTER_FLAG_SPEC_ALLOW',
        ]),
      )
      .optional(),
    syscalls: z.array(ruleSchema).nullable().default([]),
  })
  .refine((p) => !(p.architectures?.length && p.archMap?.length), {
    message: 'use either "architectures" or "archMap", not both',
  });
export type SeccompProfile = z.output<typeof seccompProfileSchema>;

/** A profile as JSON text (what `seccomp=FILE` carries) → the validated profile. */
export function parseSeccompProfile(text: string): SeccompProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw invalidArgument(`seccomp profile is not JSON: ${(err as Error).message}`);
  }
  const r = seccompProfileSchema.safeParse(json);
  if (!r.success) throw invalidArgument(`invalid seccomp profile: ${describeIssues(r.error)}`);
  return r.data;
}
