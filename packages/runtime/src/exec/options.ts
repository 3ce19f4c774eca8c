import { z } from 'zod';
import { parseOrThrow } from '../validate.js';
import { parseGroup, parsePasswd, resolveUser } from '../oci-spec/user.js';
import type { ExecOpts } from '../oci-runtime/args.js';
import { readFileInRoot } from '../rootfs/read-in-root.js';

export const execOptionsSchema = z.object({
  cmd: z.array(z.string()).min(1, 'exec needs a command'),
  env: z.array(z.string().regex(/^[^=\0]+=/, 'env entries are KEY=VALUE')).default([]),
  user: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/)
    .optional(),
  workdir: z.string().startsWith('/').optional(),
  privileged: z.boolean().default(false),
});
export type ExecOptionsInput = z.input<typeof execOptionsSchema>;

export const terminalSizeSchema = z.object({
  cols: z.number().int().min(1).max(1000),
  rows: z.number().int().min(1).max(1000),
});
export type TerminalSize = z.infer<typeof terminalSizeSchema>;

/** The container an exec targets. */
export interface ExecTarget {
  id: string;
  /** Host path of the container's root filesystem (for resolving user names). */
  rootfs: string;
}

/** Validates options and turns a user name into numeric uid:gid from the container's /etc files. */
export async function toRuntimeExecOpts(
  target: ExecTarget,
  input: ExecOptionsInput,
  tty: boolean,
): Promise<ExecOpts> {
  const o = parseOrThrow(execOptionsSchema, input, 'exec options');
  const opts: ExecOpts = {
    args: o.cmd,
    env: tty ? ['TERM=xterm-256color', ...o.env] : o.env,
    cwd: o.workdir,
    tty,
  };
  if (o.user !== undefined) {
    // the container may have rewritten both files (or made them links out of its root)
    const [passwd, group] = await Promise.all([
      readFileInRoot(target.rootfs, '/etc/passwd'),
      readFileInRoot(target.rootfs, '/etc/group'),
    ]);
    const u = resolveUser(o.user, parsePasswd(passwd ?? ''), parseGroup(group ?? ''));
    opts.user = `${u.uid}:${u.gid}`;
    opts.additionalGids = u.additionalGids;
  }
  if (o.privileged) opts.capabilities = ['ALL'];
  return opts;
}
