// `npx tsx bench/docker-api.ts [--runs 5] [--warmup 1] [--containers 50] [--layer-mb 200] [--json]
//   [--baseline-bin PATH]`
// Debian's docker client against a private dockerd and against Berth's Docker API socket, in one
// run on this machine: run -d (bridge, none), stop -t 0 + rm, stats --no-stream with N
// containers, cold pulls of a multi-layer image and of one large layer. Prints Berth/dockerd ratios.
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildBusyboxImage, pushTestImage } from '@berth/testkit';
import { z } from 'zod';
import { berthPull, berthRemoveAll } from './containers/berth.js';
import { dockerRemoveAll } from './containers/docker.js';
import { networkModes } from './containers/driver.js';
import { startAgent, type BerthAgent } from './lib/agent.js';
import { COMMON_USAGE, parseBenchArgs } from './lib/args.js';
import { ownBridge } from './lib/bridge.js';
import { pushBusyboxImage } from './lib/busybox.js';
import { onCleanup, runMain } from './lib/cleanup.js';
import { dockerInfo, ensureDockerInstalled, startDockerd } from './lib/dockerd.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { startRegistry } from './lib/registry.js';
import { mib, writeResults } from './lib/report.js';
import { makeTempDir } from './lib/temp.js';
import { buildBenchImage } from './pull/image.js';
import {
  berthClient,
  berthDockerSocket,
  dockerdClient,
  type DockerClient,
} from './docker-api/clients.js';
import { buildLargeLayerImage } from './docker-api/large-layer.js';
import { AgentRequestTimes } from './docker-api/agent-times.js';
import { measureRunRemove, type RunCpu } from './docker-api/lifecycle.js';
import { median } from './lib/stats.js';
import { berthPuller, dockerPuller, measurePulls } from './docker-api/pull.js';
import { ratioRows, ratioTable, type Measured } from './docker-api/report.js';
import { measureStats, removeFleet, startFleet } from './docker-api/stats.js';

const BERTH_BRIDGE = 'bbdapi0';
const BERTH_SUBNET = '10.216.0.0/24';
const BASELINE_BRIDGE = 'bbdapi1';
const BASELINE_SUBNET = '10.216.1.0/24';
const DOCKER_BIP = '10.217.0.1/24';
/** The issue's targets, Berth/dockerd medians. */
const TARGETS = { run: 0.4, pull: 0.7, stats: 0.3 };
const PHASES = ['run', 'stats', 'pull'] as const;

const USAGE = `usage: npx tsx bench/docker-api.ts [flags]
${COMMON_USAGE}
  --containers N  running containers for stats --no-stream (default 50)
  --layer-mb N    size of the single large layer, uncompressed MiB (default 200)
  --only LIST     comma-separated phases: run,stats,pull (default all)
  --json          print the results document on stdout (the report goes to stderr)
  --baseline-bin P  also run another build's agent (e.g. a copied bundle's bin/berth-agent) for
                  the run phase, in the same rounds: an A/B of two Berth builds under one load
  --cpu-prof DIR  a V8 CPU profile of the agent into DIR (written when it stops)
  --agent-bin P   run this build's agent from another executable (e.g. this checkout's bundle
                  apps/agent/dist/bundle/berth-agent-*/bin/berth-agent, to A/B two bundles)
`;

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: {
      containers: { type: 'string' },
      'layer-mb': { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean' },
      'baseline-bin': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'agent-bin': { type: 'string' },
    },
    schema: z.object({
      containers: z.coerce.number().int().min(1).max(500).default(50),
      'layer-mb': z.coerce.number().int().min(1).max(4096).default(200),
      only: z
        .string()
        .default(PHASES.join(','))
        .transform((s) => s.split(','))
        .pipe(z.array(z.enum(PHASES)).min(1)),
      json: z.boolean().default(false),
      'baseline-bin': z.string().min(1).optional(),
      'cpu-prof': z.string().min(1).optional(),
      'agent-bin': z.string().min(1).optional(),
    }),
  });
  if (args.help) return void process.stdout.write(USAGE);
  const json = args.extra.json;
  const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const { runs, warmup } = args.common;
  const phases = new Set(args.extra.only);
  const machine = machineFacts();
  const started = new Date();
  log(`docker-api benchmark — ${started.toISOString()}\nmachine: ${describeMachine(machine)}`);
  await ensureDockerInstalled(log);

  const registry = await startRegistry();
  const busybox = await pushBusyboxImage(registry);
  const probe = `${registry.host}/bench/probe:1`;
  // the busybox layer under another config: pulled and pruned once to see how Berth can pull
  await pushTestImage(probe, await buildBusyboxImage({ config: { Labels: { probe: '1' } } }));

  await ownBridge(BERTH_BRIDGE);
  // the agent logs each Docker API request with its time at debug level: create and start
  // times inside each agent, without the client's start-up (see agentTimes)
  const agentTimes = new AgentRequestTimes();
  const profDir = args.extra['cpu-prof'];
  const agentBin = args.extra['agent-bin'];
  const agent = await startAgent({
    ...(profDir ? { cpuProfDir: profDir } : {}),
    ...(agentBin ? { bin: agentBin } : {}),
    extraArgs: ['--bridge', BERTH_BRIDGE, '--bridge-subnet', BERTH_SUBNET],
    logLevel: 'debug',
    onLine: (line) => agentTimes.add('berth', line),
  });
  onCleanup('remove berth containers', () => berthRemoveAll(agent).then(() => undefined));
  await waitForFile(berthDockerSocket(agent));
  await berthPull(agent, busybox.ref);

  const dockerd = await startDockerd({ bridge: { bip: DOCKER_BIP } });
  onCleanup('remove docker containers', () => dockerRemoveAll(dockerd).then(() => undefined));
  const info = await dockerInfo(dockerd);
  const cliDir = await makeTempDir('docker-cli');
  await mkdir(join(cliDir.path, 'cfg'), { recursive: true });
  const docker = dockerdClient(dockerd, join(cliDir.path, 'cfg'));
  const berth = berthClient(agent, join(cliDir.path, 'cfg'));
  await docker.docker(['pull', '-q', busybox.ref]);
  log(`docker: dockerd ${info.version}, ${info.storageDriver}, docker0 ${DOCKER_BIP}`);
  log(
    `berth: ${agentBin ?? 'apps/agent/bin/berth-agent.js'}, agent pid ${agent.pid}, Docker API ${berth.host}, bridge ${BERTH_BRIDGE}`,
  );
  const clients: DockerClient[] = [docker, berth];
  const agentPids = new Map<string, number>([['berth', agent.pid]]);
  const baselineBin = args.extra['baseline-bin'];
  let baseline: DockerClient | null = null;
  let baselineAgent: BerthAgent | null = null;
  if (baselineBin) {
    await ownBridge(BASELINE_BRIDGE);
    const old = await startAgent({
      bin: baselineBin,
      extraArgs: ['--bridge', BASELINE_BRIDGE, '--bridge-subnet', BASELINE_SUBNET],
      logLevel: 'debug',
      onLine: (line) => agentTimes.add('berth-baseline', line),
    });
    onCleanup('remove baseline containers', () => berthRemoveAll(old).then(() => undefined));
    await waitForFile(berthDockerSocket(old));
    await berthPull(old, busybox.ref);
    baseline = berthClient(old, join(cliDir.path, 'cfg'), 'berth-baseline');
    baselineAgent = old;
    agentPids.set('berth-baseline', old.pid);
    log(`berth-baseline: ${baselineBin}, agent pid ${old.pid}, bridge ${BASELINE_BRIDGE}`);
  }
  const opts = { runs, warmup, log };
  const measured: Measured[] = [];
  const details: Record<string, unknown> = {};

  if (phases.has('run')) {
    for (const network of networkModes) {
      log(`\nrun -d --network ${network} IMG sleep 3600, then stop -t 0 + rm:`);
      agentTimes.reset();
      const cpu: RunCpu = new Map();
      const s = await measureRunRemove(
        baseline ? [...clients, baseline] : clients,
        busybox.ref,
        network,
        opts,
        { pids: agentPids, into: cpu },
      );
      const get = (e: string) => s.get(e)!;
      log(agentTimes.summary());
      for (const [engine, c] of cpu)
        log(
          `  CPU per run -d of ${engine}: agent ${median(c.self).toFixed(0)} ms, its children ${median(c.children).toFixed(0)} ms (medians)`,
        );
      details[`agentCpuMs(${network})`] = Object.fromEntries(cpu);
      details[`agentRequestMs(${network})`] = agentTimes.samples();
      measured.push(
        {
          op: `run -d (${network})`,
          docker: get('docker').run,
          berth: get('berth').run,
          target: TARGETS.run,
        },
        {
          op: `stop -t 0 + rm (${network})`,
          docker: get('docker').remove,
          berth: get('berth').remove,
        },
      );
      if (baseline)
        measured.push({
          op: `run -d (${network}), baseline build`,
          docker: get('docker').run,
          berth: get('berth-baseline').run,
          target: TARGETS.run,
        });
    }
  }

  if (phases.has('stats')) {
    const n = args.extra.containers;
    const samples: Record<string, number[]> = {};
    for (const c of clients) {
      log(`\nstats --no-stream: ${n} containers on ${c.engine}…`);
      const ids = await startFleet(c, busybox.ref, n);
      try {
        samples[c.engine] = await measureStats(c, n, opts);
        log(`  ${c.engine}: ${samples[c.engine]!.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
      } finally {
        await removeFleet(c, ids);
      }
    }
    measured.push({
      op: `stats --no-stream (${n} containers)`,
      docker: samples.docker!,
      berth: samples.berth!,
      target: TARGETS.stats,
    });
  }

  if (phases.has('pull')) {
    const multi = await buildBenchImage();
    const multiRef = `${registry.host}/bench/multi:1`;
    await pushTestImage(multiRef, multi.image);
    const large = await buildLargeLayerImage(args.extra['layer-mb']);
    const largeRef = `${registry.host}/bench/large:1`;
    await pushTestImage(largeRef, large.image);
    details.images = {
      multi: {
        ref: multiRef,
        layers: multi.layers,
        gzipBytes: multi.compressedBytes,
        tarBytes: multi.uncompressedBytes,
      },
      large: {
        ref: largeRef,
        layers: 1,
        files: large.files,
        gzipBytes: large.compressedBytes,
        tarBytes: large.uncompressedBytes,
      },
    };
    const pullers = [dockerPuller(docker, dockerd.pid), await berthPuller(berth, agent, probe)];
    if (baseline && baselineAgent) pullers.push(await berthPuller(baseline, baselineAgent, probe));
    log(`\nberth pulls through: ${pullers[1]!.via}`);
    for (const [op, ref, desc] of [
      [
        `pull, ${multi.layers} layers`,
        multiRef,
        `${mib(multi.compressedBytes)} gzip / ${mib(multi.uncompressedBytes)}`,
      ],
      [
        'pull, 1 large layer',
        largeRef,
        `${mib(large.compressedBytes)} gzip / ${mib(large.uncompressedBytes)}, ${large.files} files`,
      ],
    ] as const) {
      log(`\ncold ${op} (${desc}):`);
      const s = await measurePulls(pullers, ref, opts);
      measured.push({
        op: `${op} (${desc})`,
        docker: s.get('docker')!,
        berth: s.get('berth')!,
        target: TARGETS.pull,
      });
      if (baseline)
        measured.push({
          op: `${op}, baseline build`,
          docker: s.get('docker')!,
          berth: s.get('berth-baseline')!,
          target: TARGETS.pull,
        });
    }
    details.berthPullVia = pullers[1]!.via;
  }

  const rows = ratioRows(measured);
  log(`\n${ratioTable(rows)}`);
  const doc = {
    benchmark: 'docker-api',
    date: started.toISOString(),
    machine,
    runs,
    warmup,
    docker: info,
    rows,
    samples: measured,
    ...details,
  };
  const path = await writeResults('docker-api', started, doc);
  log(`\nresults: ${path}`);
  if (json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}

async function waitForFile(path: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await access(path);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

void runMain(main);
