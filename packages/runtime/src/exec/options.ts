import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { LINUX_CAPABILITIES } from '@berth/protocol';
import { parseOrThrow } from '../validate.js';
import { parseGroup, parsePasswd, resolveUser } from '../oci-spec/user.js';
import { capabilitySets } from '../oci-spec/capabilities.js';
import type { OciProcess } from '../oci-spec/types.js';
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
  /** The container's OCI bundle (its config.json is the base of an exec with its own user). */
  bundle: string;
}

/** An exec's options as numbers and lists, the container's /etc files already consulted. */
export interface ResolvedExec {
  args: string[];
  env: string[];
  cwd?: string;
  tty: boolean;
  user?: { uid: number; gid: number; additionalGids: number[] };
  privileged: boolean;
}

/** Validates options and turns a user name into numeric ids from the container's /etc files. */
export async function resolveExec(
  target: Pick<ExecTarget, 'rootfs'>,
  input: ExecOptionsInput,
  tty: boolean,
): Promise<ResolvedExec> {
  const o = parseOrThrow(execOptionsSchema, input, 'exec options');
  const r: ResolvedExec = {
    args: o.cmd,
    env: tty ? ['TERM=xterm-256color', ...o.env] : o.env,
    cwd: o.workdir,
    tty,
    privileged: o.privileged,
  };
  if (o.user !== undefined) {
    // the container may have rewritten both files (or made them links out of its root)
    const [passwd, group] = await Promise.all([
      readFileInRoot(target.rootfs, '/etc/passwd'),
      readFileInRoot(target.rootfs, '/etc/group'),
    ]);
    const u = resolveUser(o.user, parsePasswd(passwd ?? ''), parseGroup(group ?? ''));
    r.user = { uid: u.uid, gid: u.gid, additionalGids: u.additionalGids };
  }
  return r;
}

/**
 * Pure: the process an exec with its own user runs, from the container's main process. runc's
 * `--user`/`--additional-gids` flags append to the main process's groups (a root main process's
 * group 0 would follow every `exec -u app`); a whole process spec replaces them, as dockerd does.
 */
export function execProcessSpec(base: OciProcess, r: ResolvedExec): OciProcess {
  const spec: OciProcess = {
    ...base,
    terminal: r.tty,
    args: r.args,
    // as runc's --env: the container's environment, then the exec's own entries
    env: [...base.env, ...r.env],
    cwd: r.cwd ?? base.cwd,
  };
  if (r.user) spec.user = { ...base.user, ...r.user };
  if (r.privileged) spec.capabilities = capabilitySets([...LINUX_CAPABILITIES]);
  return spec;
}

/** runc exec options for the flag form (no user of its own: the main process's groups stand). */
export function execFlags(r: ResolvedExec): ExecOpts {
  const opts: ExecOpts = { args: r.args, env: r.env, cwd: r.cwd, tty: r.tty };
  if (r.privileged) opts.capabilities = ['ALL'];
  return opts;
}

/** Exec options ready for the runtime; `release` removes what preparing them wrote. */
export interface PreparedExec {
  opts: ExecOpts;
  release(): Promise<void>;
}

/**
 * Resolves an exec and, when it names a user, writes its whole process spec beside the
 * container's config.json (`runc exec --process`); `release` once the runtime has exited.
 */
export async function prepareExec(
  target: ExecTarget,
  input: ExecOptionsInput,
  tty: boolean,
): Promise<PreparedExec> {
  const r = await resolveExec(target, input, tty);
  if (!r.user) return { opts: execFlags(r), release: async () => undefined };
  const config = JSON.parse(await readFile(join(target.bundle, 'config.json'), 'utf8')) as {
    process: OciProcess;
  };
  const file = join(target.bundle, `exec-${randomUUID()}.json`);
  await writeFile(file, JSON.stringify(execProcessSpec(config.process, r)), { mode: 0o600 });
  return {
    opts: { args: [], tty: r.tty, process: file },
    release: () => rm(file, { force: true }),
  };
}
