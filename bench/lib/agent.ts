import { readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './errors.js';
import { spawnDaemon, waitUntilReady } from './process.js';
import { makeTempDir } from './temp.js';
import { unixRequest, type UnixResponse } from './unix-http.js';

const AGENT_DIR = fileURLToPath(new URL('../../apps/agent/', import.meta.url));
export const AGENT_BIN = join(AGENT_DIR, 'bin', 'berth-agent.js');
export const CLI_BIN = join(AGENT_DIR, 'bin', 'berth.js');

export interface BerthAgent {
  readonly pid: number;
  readonly dataRoot: string;
  readonly socket: string;
  /** `unix://<socket>`, for `berth --host`. */
  readonly host: string;
  request(method: string, path: string, body?: unknown): Promise<UnixResponse>;
  stop(): Promise<void>;
}

/** The agent runs from apps/agent/dist: fail early with a hint when it is not built. */
export async function ensureAgentBuilt(): Promise<void> {
  try {
    await access(join(AGENT_DIR, 'dist', 'bin', 'berth-agent.js'));
  } catch {
    throw new BenchError(
      'apps/agent is not built: run `npx turbo run build --filter=@berth/agent` first',
    );
  }
}

/** The self-contained bundle `npm run build` makes (what a host installs): its wrapper, Node and daemon. */
export interface AgentBundle {
  readonly dir: string;
  /** `bin/berth-agent`: the sh wrapper with the agent's Node flags and environment. */
  readonly bin: string;
  /** `bin/node` and `lib/berth-agent.mjs`, for `node <flags> <script>` A/B runs. */
  readonly node: string;
  readonly script: string;
}

/** This build's agent bundle (apps/agent/dist/bundle/berth-agent-<version>-linux-<arch>/). */
export async function findAgentBundle(): Promise<AgentBundle> {
  const pkg = JSON.parse(await readFile(join(AGENT_DIR, 'package.json'), 'utf8')) as {
    version: string;
  };
  const arch = ({ x64: 'amd64', arm64: 'arm64' } as Record<string, string>)[process.arch];
  const dir = join(AGENT_DIR, 'dist', 'bundle', `berth-agent-${pkg.version}-linux-${arch}`);
  const bundle = {
    dir,
    bin: join(dir, 'bin', 'berth-agent'),
    node: join(dir, 'bin', 'node'),
    script: join(dir, 'lib', 'berth-agent.mjs'),
  };
  try {
    await access(bundle.bin);
  } catch {
    throw new BenchError(
      `the agent bundle is not built (${dir}): run \`npx turbo run build --filter=@berth/agent\``,
    );
  }
  return bundle;
}

/**
 * Pure: the environment and Node flags of a bin's `#!/usr/bin/env -S K=V … node FLAGS…` line —
 * what running it through `node` (to add flags such as --cpu-prof) must repeat.
 */
export function shebangLaunch(firstLine: string): {
  env: Record<string, string>;
  nodeFlags: string[];
} {
  const words = firstLine
    .replace(/^#!\S*env\s+-S\s+/, '')
    .trim()
    .split(/\s+/);
  const node = words.indexOf('node');
  if (!firstLine.startsWith('#!') || node < 0)
    throw new BenchError(`not a node shebang: ${firstLine}`);
  const env: Record<string, string> = {};
  for (const w of words.slice(0, node)) {
    const eq = w.indexOf('=');
    if (eq > 0) env[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return { env, nodeFlags: words.slice(node + 1) };
}

export interface AgentOptions {
  /** Default `warn`. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Extra berth-agent flags, e.g. `--bridge`/`--bridge-subnet`. */
  extraArgs?: readonly string[];
  /** Every line the agent logs. */
  onLine?: (line: string) => void;
  /**
   * Run `node <nodeFlags> <bin>` instead of the bin (its shebang's flags then do NOT apply: list
   * every flag wanted), for A/B runs of V8 flags.
   */
  nodeFlags?: readonly string[];
  /**
   * Run the bin through `node` with its shebang's flags and environment plus `--cpu-prof` into
   * this directory (the profile is written when the agent stops).
   */
  cpuProfDir?: string;
  /** Extra environment (e.g. MALLOC_ARENA_MAX). */
  env?: Readonly<Record<string, string>>;
  /** Another agent executable (e.g. an older build's bundle `bin/berth-agent`, for an A/B). */
  bin?: string;
  /**
   * With nodeFlags: the Node executable and the script it runs (default: this process's Node and
   * `bin`), e.g. a bundle's `bin/node` and `lib/berth-agent.mjs`.
   */
  node?: string;
  script?: string;
}

/**
 * A berth-agent with a fresh data root and exec root in temp dirs, no --server (local API only).
 * Stopped by PID; both roots are removed on stop.
 */
export async function startAgent(options: AgentOptions = {}): Promise<BerthAgent> {
  const opts = options.cpuProfDir ? withCpuProfile(options, options.cpuProfDir) : options;
  if (!opts.bin) await ensureAgentBuilt();
  const data = await makeTempDir('agent-data');
  const exec = await makeTempDir('agent-exec');
  const socket = join(exec.path, 'agent.sock');
  // the bin itself, not `node <bin>`: its shebang carries the agent's V8 flags (as installed)
  const viaNode = opts.nodeFlags !== undefined;
  const daemon = spawnDaemon(
    'berth-agent',
    viaNode ? (opts.node ?? process.execPath) : (opts.bin ?? AGENT_BIN),
    [
      ...(viaNode ? [...opts.nodeFlags!, opts.script ?? opts.bin ?? AGENT_BIN] : []),
      '--data-root',
      data.path,
      '--exec-root',
      exec.path,
      '--socket',
      socket,
      '--log-level',
      opts.logLevel ?? 'warn',
      ...(opts.extraArgs ?? []),
    ],
    { onLine: opts.onLine, env: { ...process.env, ...opts.env } },
  );
  const stop = async () => {
    await daemon.stop();
    await data.remove();
    await exec.remove();
  };
  const request = (method: string, path: string, body?: unknown) =>
    unixRequest(socket, method, path, body);
  try {
    await waitUntilReady(daemon, async () => (await request('GET', '/v1/version')).status === 200);
  } catch (err) {
    await stop();
    throw err;
  }
  return { pid: daemon.pid, dataRoot: data.path, socket, host: `unix://${socket}`, request, stop };
}

/** `opts` run through `node` with the bin's own shebang flags and environment, and --cpu-prof. */
function withCpuProfile(opts: AgentOptions, dir: string): AgentOptions {
  const launch = shebangLaunch(readFileSync(opts.bin ?? AGENT_BIN, 'utf8').split('\n', 1)[0]!);
  return {
    ...opts,
    nodeFlags: [
      ...launch.nodeFlags,
      ...(opts.nodeFlags ?? []),
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
    ],
    env: { ...launch.env, ...opts.env },
  };
}
