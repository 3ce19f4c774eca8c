import { berthPull, berthRemoveAll, berthRest } from '../containers/berth.js';
import type { RunSpec } from '../containers/driver.js';
import { CLI_BIN, startAgent, type AgentOptions } from '../lib/agent.js';
import { ownBridge } from '../lib/bridge.js';
import { onCleanup } from '../lib/cleanup.js';
import { BenchError } from '../lib/errors.js';
import { runChecked } from '../lib/process.js';
import { ms } from '../lib/report.js';
import { timed } from '../lib/timing.js';
import { parseMemoryLine, parseTickLine, type TickReport } from './agent-log.js';
import { startFleet } from './fleet.js';
import { observe, type Observation } from './observe.js';

const BRIDGE = 'bbench0';
const SUBNET = '10.214.0.0/24';

export interface PhaseOptions {
  readonly spec: RunSpec;
  readonly count: number;
  readonly windowMs: number;
  readonly baselineMs: number;
  readonly settleMs: number;
  readonly runs: number;
  readonly log: (line: string) => void;
  /** See AgentOptions: `node <flags> <bin>` instead of the bin, and extra environment. */
  readonly nodeFlags?: readonly string[] | undefined;
  readonly agentEnv?: Readonly<Record<string, string>>;
  /** Which agent executable (bin, or node + script with nodeFlags); default apps/agent/bin. */
  readonly agent?: Pick<AgentOptions, 'bin' | 'node' | 'script'>;
}

export interface BerthPhase {
  readonly agentPid: number;
  /** null with `--baseline 0`. */
  readonly baseline: Observation | null;
  readonly startMs: number;
  readonly loaded: Observation;
  /** `berth stats --no-stream` wall times. */
  readonly cliStatsMs: number[];
  readonly removeAllMs: number;
  /** The agent's own breakdown (`kill -USR2`: rss, V8 heap and spaces, external) after the window. */
  readonly memoryLine: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lines of a stats table (header excluded) that name a container. */
const rows = (out: string) => out.split('\n').filter((l) => l.trim() !== '').length - 1;

/**
 * An agent at debug level (for its sampler's tick log): a baseline with no containers, then
 * `count` containers, a measured window, `berth stats --no-stream`, and everything removed.
 */
export async function runBerthPhase(image: string, o: PhaseOptions): Promise<BerthPhase> {
  const reports: TickReport[] = [];
  const memoryLines: string[] = [];
  await ownBridge(BRIDGE);
  const agent = await startAgent({
    logLevel: 'debug',
    extraArgs: ['--bridge', BRIDGE, '--bridge-subnet', SUBNET],
    ...o.agent,
    ...(o.nodeFlags ? { nodeFlags: o.nodeFlags } : {}),
    ...(o.agentEnv ? { env: o.agentEnv } : {}),
    onLine: (line) => {
      const r = parseTickLine(line);
      if (r) reports.push(r);
      const m = parseMemoryLine(line);
      if (m) memoryLines.push(m);
    },
  });
  const unregister = onCleanup('remove berth containers', () =>
    berthRemoveAll(agent).then(() => undefined),
  );
  await berthPull(agent, image);
  let baseline: Observation | null = null;
  if (o.baselineMs > 0) {
    o.log(`berth: agent pid ${agent.pid}; baseline, no containers, ${o.baselineMs / 1000} s…`);
    baseline = await observe(agent.pid, o.baselineMs, reports);
  }

  const fleet = await startFleet(berthRest(agent), o.spec, o.count, {
    concurrency: 4,
    onProgress: (n) => o.log(`  berth: ${n}/${o.count} running`),
  });
  o.log(
    `berth: ${o.count} containers started in ${ms(fleet.ms)}; settling ${o.settleMs / 1000} s…`,
  );
  await sleep(o.settleMs);
  o.log(`berth: measuring ${o.windowMs / 1000} s…`);
  const loaded = await observe(agent.pid, o.windowMs, reports);
  process.kill(agent.pid, 'SIGUSR2');
  for (let i = 0; i < 20 && memoryLines.length === 0; i++) await sleep(100);

  const cliStatsMs: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    const t = await timed(() =>
      runChecked(process.execPath, [CLI_BIN, '--host', agent.host, 'stats', '--no-stream']),
    );
    if (rows(t.value) !== o.count)
      throw new BenchError(`berth stats --no-stream listed ${rows(t.value)} of ${o.count}`);
    cliStatsMs.push(t.ms);
  }
  const removed = await timed(() => berthRemoveAll(agent));
  unregister();
  await agent.stop();
  return {
    agentPid: agent.pid,
    baseline,
    startMs: fleet.ms,
    loaded,
    cliStatsMs,
    removeAllMs: removed.ms,
    memoryLine: memoryLines[0] ?? null,
  };
}
