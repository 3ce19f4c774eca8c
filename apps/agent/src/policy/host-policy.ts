import { realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { bindSource, classifyCreate, classifyUpdate } from '@berth/protocol';
import type { CreateContainerRequest, HostPolicy, UpdateContainerRequest } from '@berth/protocol';
import { AgentError } from '../errors.js';
import { agentRoots, exposedRoot, type AgentRoot } from './agent-roots.js';
import { describeRefusals, refusals, type ResolvedPolicy } from './decide.js';

/**
 * The host owner's policy, enforced on what arrives from the web (RPC handlers); the local CLI
 * over the root-only socket is not limited. Set by `--allow-elevated` / `--allow-bind`.
 */
export interface HostPolicyGate {
  /** What this host accepts from the web, reported in its facts. */
  summary(): HostPolicy;
  /** Refuses (POLICY_DENIED) or returns the request with each bind at its real host path. */
  vetCreate(req: CreateContainerRequest): Promise<CreateContainerRequest>;
  vetUpdate(req: UpdateContainerRequest): void;
}

export interface PolicyConfig {
  allowElevated: string[];
  allowBind: string[];
  /** Upgrades from the web accepted (default) or refused (`--no-remote-upgrade`). */
  remoteUpgrade?: boolean;
  dataRoot: string;
  execRoot: string;
  socketPath: string;
}

/** The real path of `path`, or of its nearest existing parent joined with the rest. */
async function realpathOrNearest(path: string): Promise<string> {
  const real = await realpath(path).catch(() => null);
  if (real !== null) return real;
  const parent = dirname(path);
  return parent === path ? path : join(await realpathOrNearest(parent), basename(path));
}

/**
 * Resolves the policy's paths on this host (start-up): every `--allow-bind` path must exist and
 * expose none of the agent's roots, compared both as given and as resolved.
 */
export async function openHostPolicy(c: PolicyConfig): Promise<HostPolicyGate> {
  const given = agentRoots(c);
  const roots: AgentRoot[] = [...given];
  for (const r of given) roots.push({ ...r, path: await realpathOrNearest(r.path) });
  const allowBind: string[] = [];
  for (const path of c.allowBind) {
    const real = await realpath(path).catch(() => null);
    if (real === null)
      throw new AgentError('INVALID_ARGUMENT', `--allow-bind ${path}: no such file or directory`);
    const root = exposedRoot(real, roots);
    if (root)
      throw new AgentError(
        'INVALID_ARGUMENT',
        `--allow-bind ${path}: refused, binds there would expose ${root.what} (${root.path})`,
      );
    allowBind.push(real);
  }
  const policy: ResolvedPolicy = { allowElevated: [...c.allowElevated], allowBind, roots };
  return {
    summary: () => ({
      allowElevated: [...policy.allowElevated],
      allowBind: [...allowBind],
      remoteUpgrade: c.remoteUpgrade ?? true,
    }),
    vetCreate: (req) => vetCreate(policy, req),
    vetUpdate: (req) => refuse(refusals(classifyUpdate(req), policy, new Map())),
  };
}

async function vetCreate(
  policy: ResolvedPolicy,
  req: CreateContainerRequest,
): Promise<CreateContainerRequest> {
  const options = classifyCreate(req);
  const real = new Map<string, string>();
  for (const o of options) {
    if (o.kind !== 'bind' || o.value === undefined) continue;
    const path = await realpath(o.value).catch(() => null);
    if (path !== null) real.set(o.value, path);
  }
  refuse(refusals(options, policy, real));
  // Only now, inside an allowed path, may a missing source be told apart from a refused one.
  const missing = options.find((o) => o.kind === 'bind' && !real.has(o.value ?? ''));
  if (missing)
    throw new AgentError('INVALID_ARGUMENT', `bind source ${missing.value} does not exist`);
  if (real.size === 0) return req;
  return { ...req, volumes: (req.volumes ?? []).map((v) => atRealPath(v, real)) };
}

/** `src:dst[:mode]` with src replaced by its real path, so the path checked is the path bound. */
function atRealPath(spec: string, real: ReadonlyMap<string, string>): string {
  const src = bindSource(spec);
  const path = src === null ? undefined : real.get(src);
  if (path === undefined) return spec;
  if (path.includes(':'))
    throw new AgentError('INVALID_ARGUMENT', `bind source ${path} contains ":"`);
  return [path, ...spec.split(':').slice(1)].join(':');
}

function refuse(list: ReturnType<typeof refusals>): void {
  if (list.length === 0) return;
  throw new AgentError('POLICY_DENIED', describeRefusals(list), {
    details: {
      refused: list.map((r) => ({
        token: r.option.token,
        label: r.option.label,
        allowWith: r.allowWith,
      })),
    },
  });
}
