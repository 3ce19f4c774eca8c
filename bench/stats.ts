// `npx tsx bench/stats.ts [--containers 200] [--window 60] [--runs 5]`
// The cost of watching many containers: Berth's sampler (tick time, agent CPU and RSS) beside
// `docker stats --no-stream` for the same number of busybox `sleep` containers.
import { z } from 'zod';
import { parseBenchArgs } from './lib/args.js';
import { pushBusyboxImage } from './lib/busybox.js';
import { runMain } from './lib/cleanup.js';
import { ensureDockerInstalled } from './lib/dockerd.js';
import { ensureAgentBuilt, findAgentBundle, type AgentOptions } from './lib/agent.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { startRegistry } from './lib/registry.js';
import { writeResults } from './lib/report.js';
import { runBerthPhase } from './stats/berth-phase.js';
import { runDockerPhase } from './stats/docker-phase.js';
import { berthOnlyReport, statsReport, TARGETS } from './stats/report.js';

const MEMORY_LIMIT = 16 << 20;

const USAGE = `usage: npx tsx bench/stats.ts [flags]
  --containers N  busybox sleep containers per engine (default 200)
  --window S      seconds of agent CPU/RSS measurement with them running (default 60)
  --baseline S    seconds measured first with no containers (default 20)
  --runs N        stats --no-stream runs per engine (default 5)
  --agent-bin P   run this agent executable instead of the bundle's bin/berth-agent (e.g.
                  apps/agent/bin/berth-agent.js, the unbundled build, or an older bundle's)
  --node-flags F  run the agent as \`node F… <script>\` (space-separated; the wrapper's or
                  shebang's flags then do not apply), for A/B runs of V8 flags: the bundle's
                  bin/node and lib/berth-agent.mjs, or this Node and --agent-bin
  --agent-env E   extra agent environment, comma-separated K=V (e.g. MALLOC_ARENA_MAX=2)
  --skip-docker   Berth only: agent tick, CPU and RSS (no dockerd phase, no ratio)
`;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: {
      containers: { type: 'string' },
      window: { type: 'string' },
      baseline: { type: 'string' },
      'agent-bin': { type: 'string' },
      'node-flags': { type: 'string' },
      'agent-env': { type: 'string' },
      'skip-docker': { type: 'boolean' },
    },
    schema: z.object({
      containers: z.coerce.number().int().min(1).max(1000).default(200),
      window: z.coerce.number().int().min(10).max(600).default(60),
      baseline: z.coerce.number().int().min(0).max(600).default(20),
      'agent-bin': z.string().min(1).optional(),
      'node-flags': z
        .string()
        .regex(
          /^(--[a-z0-9-]+(=[A-Za-z0-9_.]+)?\s*)+$/,
          'V8/Node flags like --max-semi-space-size=1',
        )
        .optional(),
      'agent-env': z
        .string()
        .regex(/^[A-Z_][A-Z0-9_]*=[A-Za-z0-9_./-]*(,[A-Z_][A-Z0-9_]*=[A-Za-z0-9_./-]*)*$/)
        .optional(),
      'skip-docker': z.boolean().default(false),
    }),
  });
  if (args.help) return void process.stdout.write(USAGE);
  const { containers: count, window, baseline } = args.extra;
  const nodeFlags = args.extra['node-flags']?.trim().split(/\s+/);
  const agentEnv = Object.fromEntries(
    (args.extra['agent-env']?.split(',') ?? []).map((kv) => kv.split('=', 2) as [string, string]),
  );
  const skipDocker = args.extra['skip-docker'];
  const { runs } = args.common;
  const machine = machineFacts();
  const started = new Date();
  log(`stats benchmark — ${started.toISOString()}\nmachine: ${describeMachine(machine)}`);
  if (!skipDocker) await ensureDockerInstalled(log);
  // what a host runs: the self-contained bundle (its own node, its wrapper's flags and environment)
  const agentBin = args.extra['agent-bin'];
  let agent: Pick<AgentOptions, 'bin' | 'node' | 'script'>;
  if (agentBin) agent = { bin: agentBin };
  else {
    await ensureAgentBuilt();
    const bundle = await findAgentBundle();
    agent = { bin: bundle.bin, node: bundle.node, script: bundle.script };
  }

  const registry = await startRegistry();
  const image = await pushBusyboxImage(registry);
  const spec = {
    image: image.ref,
    cmd: ['sleep', '3600'],
    network: 'none' as const,
    memoryBytes: MEMORY_LIMIT,
  };
  log(`image: ${image.ref}; ${count} × \`sleep 3600\`, --network none, --memory 16m`);

  const berth = await runBerthPhase(image.ref, {
    spec,
    count,
    windowMs: window * 1000,
    baselineMs: baseline * 1000,
    settleMs: 12_000,
    runs,
    log,
    nodeFlags,
    agentEnv,
    agent,
  });
  const agentDesc = nodeFlags
    ? `${agent.node ?? 'node'} ${nodeFlags.join(' ')} ${agent.script ?? agent.bin}`
    : `${agent.bin} (its own flags)`;
  log(`agent: ${agentDesc}; env ${JSON.stringify(agentEnv)}`);
  if (skipDocker) {
    await registry.stop();
    log(`\n${berthOnlyReport(count, berth)}\nload at end: ${machineFacts().load1.toFixed(2)}`);
    const path = await writeResults('stats', started, {
      benchmark: 'stats',
      date: started.toISOString(),
      machine,
      containers: count,
      agent: agentDesc,
      nodeFlags: nodeFlags ?? null,
      agentEnv,
      berth,
    });
    log(`results: ${path}`);
    return;
  }
  const docker = await runDockerPhase(image.ref, { spec, count, runs, log });
  await registry.stop();
  const load1AtEnd = machineFacts().load1;

  const report = statsReport({ count, berth, docker });
  log(`\n${report.text}\nload at end: ${load1AtEnd.toFixed(2)}`);
  const path = await writeResults('stats', started, {
    benchmark: 'stats',
    date: started.toISOString(),
    machine,
    load1AtEnd,
    image,
    containers: count,
    agent: agentDesc,
    memoryLimitBytes: MEMORY_LIMIT,
    windowSec: window,
    baselineSec: baseline,
    runs,
    targets: TARGETS,
    berth,
    docker,
    summary: report.summary,
  });
  log(`results: ${path}`);
}

void runMain(main);
