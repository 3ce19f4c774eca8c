import { isAbsolute, join } from 'node:path';
import { Command, CommanderError } from 'commander';
import * as z from 'zod';
import {
  AllowElevatedEntrySchema,
  JoinTokenSchema,
  TERMINAL_GRACE_DEFAULT_SECONDS,
  normalizeAbsolutePath,
} from '@berth/protocol';
import {
  DEFAULT_ADDRESS_POOLS,
  isRuntimeError,
  parseAddressPool,
  type AddressPool,
} from '@berth/runtime';
import { AgentError } from './errors.js';
import { logLevels } from '@berth/log';
import type { LogLevel } from '@berth/log';
import { parseServerAddress } from './link/transport.js';
import type { ServerAddress } from './link/transport.js';
import { AGENT_VERSION } from './version.js';
import { agentRoots, exposedRoot } from './policy/agent-roots.js';

export interface AgentConfig {
  server: ServerAddress | null;
  joinToken: string | null;
  dataRoot: string;
  execRoot: string;
  socketPath: string;
  /** The Docker Engine API socket (root only); null = not served (`--no-docker-socket`). */
  dockerSocketPath: string | null;
  insecure: boolean;
  /** Overrides the hostname reported in HostFacts (so several agents on one machine differ). */
  name: string | null;
  logLevel: LogLevel;
  /** Registries (host[:port]) spoken to over plain HTTP besides loopback. */
  insecureRegistries: string[];
  /** Linux bridge of the default network (so several agents on one machine do not share one). */
  bridgeName: string;
  /** IPv4 subnet of the default bridge network. */
  bridgeSubnet: string;
  /** Where `network create` without a subnet takes one (dockerd's --default-address-pool). */
  addressPools: AddressPool[];
  /** Elevated options this host accepts from the web (`all`, a kind or KIND:VALUE); none by default. */
  allowElevated: string[];
  /** Host paths the web may bind (at or under them); none by default. */
  allowBind: string[];
  /** Seconds a terminal no dashboard page shows lives on (scrollback kept); 0: it ends at once. */
  terminalGraceSec: number;
  /** Whether an admin of the web may upgrade this agent (`--no-remote-upgrade`: no). */
  remoteUpgrade: boolean;
}

/** `run` with a validated config, or `exit` (help, version, usage error) with what to print. */
export type ParsedAgentArgs =
  | { kind: 'run'; config: AgentConfig }
  | { kind: 'exit'; code: number; stdout: string; stderr: string };

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_DATA_ROOT = '/var/lib/berth';
export const DEFAULT_EXEC_ROOT = '/run/berth';
export const DEFAULT_BRIDGE_SUBNET = '10.88.0.0/16';
export const DEFAULT_BRIDGE_NAME = 'berth0';

const absolutePath = (flag: string) =>
  z.string().min(1).refine(isAbsolute, `${flag} must be an absolute path`);

const RawConfigSchema = z.object({
  server: z.string().max(2048).optional(),
  joinToken: JoinTokenSchema.optional(),
  dataRoot: absolutePath('--data-root'),
  execRoot: absolutePath('--exec-root'),
  socket: absolutePath('--socket').optional(),
  dockerSocket: absolutePath('--docker-socket').optional(),
  noDockerSocket: z.boolean(),
  insecure: z.boolean(),
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/, '--name must be a hostname-like string')
    .optional(),
  logLevel: z.enum(logLevels),
  bridgeName: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/,
      '--bridge must be an interface name (max 15 chars)',
    ),
  bridgeSubnet: z
    .string()
    .regex(
      /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/([8-9]|[12]\d|30)$/,
      '--bridge-subnet must be an IPv4 CIDR like 10.88.0.0/16 (prefix 8-30)',
    ),
  addressPools: z.array(z.string()),
  insecureRegistries: z.array(
    z
      .string()
      .regex(
        /^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\[[0-9a-fA-F:]+\](:[0-9]{1,5})?$/,
        '--insecure-registry must be HOST[:PORT]',
      ),
  ),
  allowElevated: z.array(AllowElevatedEntrySchema),
  allowBind: z.array(absolutePath('--allow-bind').transform(normalizeAbsolutePath)),
  terminalGrace: z.coerce
    .number({ error: '--terminal-grace must be a number of seconds' })
    .int('--terminal-grace must be whole seconds')
    .min(0, '--terminal-grace must be 0 or more seconds')
    .max(86_400, '--terminal-grace is at most 86400 seconds (a day)'),
  remoteUpgrade: z.boolean(),
});

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v);
const collect = (value: string, prev: string[] | undefined) => [...(prev ?? []), value];

function program(out: { stdout: string; stderr: string }): Command {
  return new Command('berth-agent')
    .description('Berth host agent: runs containers and links this host to the Berth web')
    .version(AGENT_VERSION, '-v, --version')
    .option('--server <url>', 'the Berth web, e.g. https://berth.example.com (env BERTH_SERVER)')
    .option('--join-token <token>', 'one-time join token from the web (env BERTH_JOIN_TOKEN)')
    .option(
      '--data-root <dir>',
      `persistent state (env BERTH_DATA_ROOT, default ${DEFAULT_DATA_ROOT})`,
    )
    .option(
      '--exec-root <dir>',
      `runtime state (env BERTH_EXEC_ROOT, default ${DEFAULT_EXEC_ROOT})`,
    )
    .option('--socket <path>', 'API unix socket (env BERTH_SOCKET, default <exec-root>/agent.sock)')
    .option(
      '--docker-socket <path>',
      'Docker Engine API unix socket, root only (env BERTH_DOCKER_SOCKET, default <exec-root>/docker.sock)',
    )
    .option(
      '--no-docker-socket',
      'do not serve the Docker Engine API (env BERTH_DOCKER_SOCKET=off)',
    )
    .option('--insecure', 'allow plaintext http/ws to a non-loopback web (env BERTH_INSECURE=1)')
    .option('--name <name>', 'host name to report instead of the machine hostname (env BERTH_NAME)')
    .option(
      '--insecure-registry <host[:port]>',
      'registry to reach over plain HTTP; repeatable (env BERTH_INSECURE_REGISTRIES, comma-separated)',
      collect,
    )
    .option(
      '--bridge <name>',
      `bridge of the default network (env BERTH_BRIDGE, default ${DEFAULT_BRIDGE_NAME})`,
    )
    .option(
      '--bridge-subnet <cidr>',
      `default bridge subnet (env BERTH_BRIDGE_SUBNET, default ${DEFAULT_BRIDGE_SUBNET})`,
    )
    .option(
      '--default-address-pool <base=CIDR,size=N>',
      'subnets for networks created without one; repeatable (env BERTH_DEFAULT_ADDRESS_POOL, ";"-separated, default base=10.89.0.0/16,size=24)',
      (value: string, prev: string[] | undefined) => [...(prev ?? []), value],
    )
    .option(
      '--allow-elevated <option>',
      'elevated option the web may ask for on this host: all, privileged, capabilities[:CAP], network-host, … ; repeatable (env BERTH_ALLOW_ELEVATED, comma-separated; default none)',
      collect,
    )
    .option(
      '--allow-bind <path>',
      'host path the web may bind into containers (at or under it); repeatable (env BERTH_ALLOW_BIND, comma-separated; default none)',
      collect,
    )
    .option(
      '--terminal-grace <seconds>',
      `how long a terminal no dashboard page shows lives on, its scrollback kept for the page that comes back; 0 ends it at once (env BERTH_TERMINAL_GRACE, default ${TERMINAL_GRACE_DEFAULT_SECONDS})`,
    )
    .option(
      '--no-remote-upgrade',
      'refuse agent upgrades from the web; upgrade by running install.sh again (env BERTH_REMOTE_UPGRADE=off)',
    )
    .option('--log-level <level>', `${logLevels.join('|')} (env BERTH_LOG_LEVEL, default info)`)
    .helpOption('-h, --help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => (out.stdout += s),
      writeErr: (s) => (out.stderr += s),
    });
}

/** Pure: argv (without node and script) + environment → config or an exit. Flags beat env. */
export function parseAgentArgs(argv: readonly string[], env: Env): ParsedAgentArgs {
  const out = { stdout: '', stderr: '' };
  const cmd = program(out);
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError)
      return { kind: 'exit', code: err.exitCode === 0 ? 0 : 2, ...out };
    throw err;
  }
  const o = cmd.opts<Record<string, string | boolean | string[] | undefined>>();
  const str = (v: string | boolean | string[] | undefined) =>
    typeof v === 'string' ? v : undefined;
  const raw = {
    server: str(o.server) ?? (env.BERTH_SERVER || undefined),
    joinToken: str(o.joinToken) ?? (env.BERTH_JOIN_TOKEN || undefined),
    dataRoot: str(o.dataRoot) ?? (env.BERTH_DATA_ROOT || DEFAULT_DATA_ROOT),
    execRoot: str(o.execRoot) ?? (env.BERTH_EXEC_ROOT || DEFAULT_EXEC_ROOT),
    socket: str(o.socket) ?? (env.BERTH_SOCKET || undefined),
    dockerSocket:
      str(o.dockerSocket) ??
      (env.BERTH_DOCKER_SOCKET && env.BERTH_DOCKER_SOCKET !== 'off'
        ? env.BERTH_DOCKER_SOCKET
        : undefined),
    noDockerSocket:
      o.dockerSocket === false ||
      (o.dockerSocket === undefined && env.BERTH_DOCKER_SOCKET === 'off'),
    insecure: o.insecure === true || truthy(env.BERTH_INSECURE),
    name: str(o.name) ?? (env.BERTH_NAME || undefined),
    logLevel: str(o.logLevel) ?? (env.BERTH_LOG_LEVEL || 'info'),
    bridgeName: str(o.bridge) ?? (env.BERTH_BRIDGE || DEFAULT_BRIDGE_NAME),
    bridgeSubnet: str(o.bridgeSubnet) ?? (env.BERTH_BRIDGE_SUBNET || DEFAULT_BRIDGE_SUBNET),
    addressPools: Array.isArray(o.defaultAddressPool)
      ? o.defaultAddressPool
      : (env.BERTH_DEFAULT_ADDRESS_POOL ?? '')
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
    insecureRegistries: Array.isArray(o.insecureRegistry)
      ? o.insecureRegistry
      : splitList(env.BERTH_INSECURE_REGISTRIES),
    allowElevated: Array.isArray(o.allowElevated)
      ? o.allowElevated
      : splitList(env.BERTH_ALLOW_ELEVATED),
    allowBind: Array.isArray(o.allowBind) ? o.allowBind : splitList(env.BERTH_ALLOW_BIND),
    terminalGrace:
      str(o.terminalGrace) ?? (env.BERTH_TERMINAL_GRACE || String(TERMINAL_GRACE_DEFAULT_SECONDS)),
    remoteUpgrade: o.remoteUpgrade !== false && env.BERTH_REMOTE_UPGRADE !== 'off',
  };
  const parsed = RawConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // Never echo the input back: it may be a join token.
    const issues = parsed.error.issues.map((i) => `${flagOf(i.path)}: ${i.message}`).join('; ');
    return { kind: 'exit', code: 2, stdout: '', stderr: `berth-agent: ${issues}\n` };
  }
  const c = parsed.data;
  if (c.joinToken && !c.server) {
    return {
      kind: 'exit',
      code: 2,
      stdout: '',
      stderr: 'berth-agent: --join-token needs --server\n',
    };
  }
  const socketPath = c.socket ?? join(c.execRoot, 'agent.sock');
  const roots = agentRoots({ dataRoot: c.dataRoot, execRoot: c.execRoot, socketPath });
  for (const path of c.allowBind) {
    const root = exposedRoot(path, roots);
    if (root)
      return {
        kind: 'exit',
        code: 2,
        stdout: '',
        stderr: `berth-agent: --allow-bind ${path}: refused, binds there would expose ${root.what} (${root.path})\n`,
      };
  }
  let server: ServerAddress | null = null;
  let addressPools: AddressPool[];
  try {
    server = c.server ? parseServerAddress(c.server, c.insecure) : null;
    addressPools =
      c.addressPools.length > 0
        ? c.addressPools.map(parseAddressPool)
        : DEFAULT_ADDRESS_POOLS.map((p) => ({ ...p }));
  } catch (err) {
    if (isRuntimeError(err))
      return { kind: 'exit', code: 2, stdout: '', stderr: `berth-agent: ${err.message}\n` };
    if (!(err instanceof AgentError)) throw err;
    return { kind: 'exit', code: 2, stdout: '', stderr: `berth-agent: ${err.message}\n` };
  }
  return {
    kind: 'run',
    config: {
      server,
      joinToken: c.joinToken ?? null,
      dataRoot: c.dataRoot,
      execRoot: c.execRoot,
      socketPath: c.socket ?? join(c.execRoot, 'agent.sock'),
      dockerSocketPath: c.noDockerSocket
        ? null
        : (c.dockerSocket ?? join(c.execRoot, 'docker.sock')),
      insecure: c.insecure,
      name: c.name ?? null,
      logLevel: c.logLevel,
      insecureRegistries: c.insecureRegistries,
      bridgeName: c.bridgeName,
      bridgeSubnet: c.bridgeSubnet,
      addressPools,
      allowElevated: c.allowElevated,
      allowBind: c.allowBind,
      terminalGraceSec: c.terminalGrace,
      remoteUpgrade: c.remoteUpgrade,
    },
  };
}

function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function flagOf(path: readonly PropertyKey[]): string {
  const plural: Record<string, string> = { insecureRegistries: 'insecureRegistry' };
  const key = plural[String(path[0])] ?? String(path[0] ?? '');
  return '--' + key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);
}
