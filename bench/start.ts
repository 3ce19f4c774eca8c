// `npx tsx bench/start.ts [--runs 10] [--warmup 1] [--network both|bridge|none]`
// Container start (run -d) and stop + rm latency of one busybox `sleep`: Berth vs Docker.
import { z } from 'zod';
import { berthCli, berthPull, berthRemoveAll, berthRest } from './containers/berth.js';
import { dockerCli, dockerRemoveAll, dockerRest } from './containers/docker.js';
import { networkModes, type NetworkMode } from './containers/driver.js';
import { startAgent } from './lib/agent.js';
import { parseBenchArgs } from './lib/args.js';
import { ownBridge } from './lib/bridge.js';
import { pushBusyboxImage } from './lib/busybox.js';
import { onCleanup, runMain } from './lib/cleanup.js';
import { dockerInfo, ensureDockerInstalled, startDockerd } from './lib/dockerd.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { startRegistry } from './lib/registry.js';
import { ms, writeResults } from './lib/report.js';
import { measureCliStartup } from './start/cli-startup.js';
import { measureLifecycles } from './start/rounds.js';
import { summarizeNetwork, TARGET_RATIO, type NetworkResult } from './start/summary.js';

/** Its own bridge and subnet, so the benchmark's agent never meets another agent's berth0. */
const BERTH_BRIDGE = 'bbench0';
const BERTH_SUBNET = '10.214.0.0/24';
/** Docker's default docker0 bridge, on a subnet away from Berth's and the host's. */
const DOCKER_BIP = '10.213.0.1/24';

const USAGE = `usage: npx tsx bench/start.ts [flags]
  --runs N        measured runs per driver and network (default 10)
  --warmup N      discarded warm-up runs (default 1)
  --network M     both (default) | bridge | none
`;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: { network: { type: 'string' } },
    schema: z.object({ network: z.enum(['both', ...networkModes]).default('both') }),
    defaults: { runs: 10 },
  });
  if (args.help) return void process.stdout.write(USAGE);
  const { runs, warmup } = args.common;
  const networks: NetworkMode[] =
    args.extra.network === 'both' ? [...networkModes] : [args.extra.network];
  const machine = machineFacts();
  const started = new Date();
  log(`start benchmark — ${started.toISOString()}\nmachine: ${describeMachine(machine)}`);
  await ensureDockerInstalled(log);

  const registry = await startRegistry();
  const image = await pushBusyboxImage(registry);
  log(`image: ${image.ref} ${image.digest.slice(0, 19)}… (busybox-static, one layer)`);

  await ownBridge(BERTH_BRIDGE);
  const agent = await startAgent({
    extraArgs: ['--bridge', BERTH_BRIDGE, '--bridge-subnet', BERTH_SUBNET],
  });
  onCleanup('remove berth containers', () => berthRemoveAll(agent).then(() => undefined));
  await berthPull(agent, image.ref);
  log(`berth: agent pid ${agent.pid}, bridge ${BERTH_BRIDGE} ${BERTH_SUBNET}`);

  const dockerd = await startDockerd({ bridge: { bip: DOCKER_BIP } });
  onCleanup('remove docker containers', () => dockerRemoveAll(dockerd).then(() => undefined));
  await dockerd.docker(['pull', '-q', image.ref]);
  const info = await dockerInfo(dockerd);
  log(`docker: dockerd ${info.version}, ${info.storageDriver}, docker0 ${DOCKER_BIP}`);

  const drivers = [berthCli(agent), dockerCli(dockerd), berthRest(agent), dockerRest(dockerd)];
  const results: NetworkResult[] = [];
  for (const network of networks) {
    log(`\n--network ${network} (run -d / stop -t 0 + rm):`);
    const spec = { image: image.ref, cmd: ['sleep', '3600'], network };
    const samples = await measureLifecycles(drivers, spec, { runs, warmup, log });
    const result = summarizeNetwork(network, samples);
    results.push(result);
    log(`\n${result.text}`);
  }
  const cli = await measureCliStartup(runs);
  log(
    `\nCLI start-up alone (--version, medians): berth ${ms(cli.berth.median)}, ` +
      `docker ${ms(cli.docker.median)}`,
  );
  const path = await writeResults('start', started, {
    benchmark: 'start',
    date: started.toISOString(),
    machine,
    image,
    runs,
    warmup,
    berth: { bridge: BERTH_BRIDGE, subnet: BERTH_SUBNET },
    docker: { ...info, bip: DOCKER_BIP },
    targetRatio: TARGET_RATIO,
    networks: results.map(({ text: _text, ...r }) => r),
    cliStartup: cli,
  });
  log(`\nresults: ${path}`);
}

void runMain(main);
