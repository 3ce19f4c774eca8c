/**
 * Pure argument builders, one options type per runtime command (go-runc style). runc and crun
 * share this command line.
 */
export interface CreateOpts {
  bundle: string;
  pidFile: string;
  consoleSocket?: string;
  noPivot?: boolean;
}

export interface KillOpts {
  all?: boolean;
}

export interface DeleteOpts {
  force?: boolean;
}

/** Live resource changes (`runc update`); only set fields change. */
export interface UpdateOpts {
  memory?: number;
  memorySwap?: number;
  memoryReservation?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  cpuShares?: number;
  cpusetCpus?: string;
  pidsLimit?: number;
  blkioWeight?: number;
}

export interface ExecOpts {
  args: string[];
  env?: string[];
  /** `uid[:gid]` (numeric; resolve names first). */
  user?: string;
  cwd?: string;
  tty?: boolean;
  detach?: boolean;
  pidFile?: string;
  additionalGids?: number[];
  capabilities?: string[];
  /** A whole process spec (JSON file): runc then ignores the args, env, user, cwd and caps. */
  process?: string;
}

export const globalArgs = (root: string) => ['--root', root];

export function createArgs(id: string, o: CreateOpts): string[] {
  const a = ['create', '--bundle', o.bundle, '--pid-file', o.pidFile];
  if (o.consoleSocket) a.push('--console-socket', o.consoleSocket);
  if (o.noPivot) a.push('--no-pivot');
  return [...a, id];
}

export const startArgs = (id: string) => ['start', id];
export const stateArgs = (id: string) => ['state', id];
export const pauseArgs = (id: string) => ['pause', id];
export const resumeArgs = (id: string) => ['resume', id];
export const psArgs = (id: string) => ['ps', '--format', 'json', id];

export function killArgs(id: string, signal: string, o: KillOpts = {}): string[] {
  return ['kill', ...(o.all ? ['--all'] : []), id, signal];
}

export function deleteArgs(id: string, o: DeleteOpts = {}): string[] {
  return ['delete', ...(o.force ? ['--force'] : []), id];
}

const UPDATE_FLAGS: Array<[keyof UpdateOpts, string]> = [
  ['memory', '--memory'],
  ['memorySwap', '--memory-swap'],
  ['memoryReservation', '--memory-reservation'],
  ['cpuQuota', '--cpu-quota'],
  ['cpuPeriod', '--cpu-period'],
  ['cpuShares', '--cpu-share'],
  ['cpusetCpus', '--cpuset-cpus'],
  ['pidsLimit', '--pids-limit'],
  ['blkioWeight', '--blkio-weight'],
];

export function updateArgs(id: string, o: UpdateOpts): string[] {
  const a = ['update'];
  for (const [key, flag] of UPDATE_FLAGS) {
    const v = o[key];
    if (v !== undefined) a.push(flag, String(v));
  }
  return [...a, id];
}

export function execArgs(id: string, o: ExecOpts): string[] {
  const a = ['exec'];
  if (o.tty) a.push('--tty');
  if (o.detach) a.push('--detach');
  if (o.pidFile) a.push('--pid-file', o.pidFile);
  if (o.process) return [...a, '--process', o.process, id];
  for (const e of o.env ?? []) a.push('--env', e);
  if (o.user) a.push('--user', o.user);
  for (const g of o.additionalGids ?? []) a.push('--additional-gids', String(g));
  if (o.cwd) a.push('--cwd', o.cwd);
  for (const c of o.capabilities ?? []) a.push('--cap', c);
  return [...a, id, ...o.args];
}
