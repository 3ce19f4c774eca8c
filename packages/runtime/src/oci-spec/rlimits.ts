import type { OciRlimit } from './types.js';

export interface HostLimit {
  soft: number;
  hard: number;
}

/** Maps /proc/self/limits row names to RLIMIT_* names. */
const LIMIT_NAMES: Record<string, string> = {
  'Max cpu time': 'RLIMIT_CPU',
  'Max file size': 'RLIMIT_FSIZE',
  'Max data size': 'RLIMIT_DATA',
  'Max stack size': 'RLIMIT_STACK',
  'Max core file size': 'RLIMIT_CORE',
  'Max resident set': 'RLIMIT_RSS',
  'Max processes': 'RLIMIT_NPROC',
  'Max open files': 'RLIMIT_NOFILE',
  'Max locked memory': 'RLIMIT_MEMLOCK',
  'Max address space': 'RLIMIT_AS',
  'Max file locks': 'RLIMIT_LOCKS',
  'Max pending signals': 'RLIMIT_SIGPENDING',
  'Max msgqueue size': 'RLIMIT_MSGQUEUE',
  'Max nice priority': 'RLIMIT_NICE',
  'Max realtime priority': 'RLIMIT_RTPRIO',
  'Max realtime timeout': 'RLIMIT_RTTIME',
};

const UNLIMITED = Number.MAX_SAFE_INTEGER;
const toNumber = (s: string) => (s === 'unlimited' ? UNLIMITED : Number(s));

/** Parses /proc/<pid>/limits into RLIMIT_* → {soft, hard} ("unlimited" = MAX_SAFE_INTEGER). */
export function parseProcLimits(text: string): Record<string, HostLimit> {
  const out: Record<string, HostLimit> = {};
  for (const line of text.split('\n')) {
    const m = /^(Max [a-z ]+?)\s{2,}(\S+)\s+(\S+)/.exec(line);
    const name = m && LIMIT_NAMES[m[1] ?? ''];
    if (!m || !name) continue;
    const soft = toNumber(m[2] ?? '');
    const hard = toNumber(m[3] ?? '');
    if (Number.isFinite(soft) && Number.isFinite(hard)) out[name] = { soft, hard };
  }
  return out;
}

/** Docker's ulimit names (`nofile`) → RLIMIT_NOFILE. */
export const rlimitType = (name: string) => `RLIMIT_${name.toUpperCase()}`;

/**
 * Clamps requested rlimits to the host's hard limits: without CAP_SYS_RESOURCE a higher value
 * makes runc fail at create.
 */
export function clampRlimits(wanted: OciRlimit[], host: Record<string, HostLimit>): OciRlimit[] {
  return wanted.map((r) => {
    const limit = host[r.type];
    if (!limit) return r;
    const hard = Math.min(r.hard, limit.hard);
    return { type: r.type, hard, soft: Math.min(r.soft, hard) };
  });
}
