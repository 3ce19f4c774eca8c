// `npx tsx bench/terminal.ts [--keys 200] [--renderer both|webgl|dom] [--flood-mb 100]`
// The dashboard's terminal in Debian's Chromium against the real stack (web + one enrolled agent +
// a busybox container): keystroke echo latency and `cat` throughput, measured inside the page.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { parseBenchArgs } from './lib/args.js';
import { launchChromium } from './lib/browser.js';
import { runMain } from './lib/cleanup.js';
import { ensureAgentBuilt } from './lib/agent.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { writeResults } from './lib/report.js';
import { bootTerminalStack } from './terminal/stack.js';
import { nodeBaseline, type NodeBaseline } from './terminal/node-client.js';
import { ptyEcho, ptyFloor, type PtyFloor } from './terminal/pty-floor.js';
import { conmonEcho, conmonFloor } from './terminal/conmon-floor.js';
import { percentile } from './lib/stats.js';
import { cpuMeter, formatCpu, type CpuShare } from './terminal/cpu.js';
import { chromiumCpuMeter } from './terminal/chromium-cpu.js';
import { measureEcho, measureFlood, openTerminal, type Renderer } from './terminal/measure.js';
import {
  summarizeEcho,
  summarizeFlood,
  terminalTable,
  TERMINAL_TARGETS,
  type EchoSummary,
  type FloodSummary,
} from './terminal/report.js';

const USAGE = `usage: npx tsx bench/terminal.ts [flags]
  --keys N          keystrokes for the echo latency (default 200)
  --renderer R      auto | webgl | dom | both | all (default all: auto, webgl, dom; auto is the
                    app's own choice, WebGL only when a GPU draws it; webgl and dom are forced)
  --flood-mb N      size of the file cat prints, in 10^6 bytes (default 100)
  --rounds N        no-browser rounds, each: the PTY floor (runc exec -t under node-pty), the
                    conmon floor (conmon --exec -t, attach socket) and the relay, rotating which
                    goes first (default 3)
  --floors-only     no-browser rounds without the relay (the two floors only)
  --no-browser      stop after the no-browser rounds
  --cpu-prof DIR    V8 CPU profiles of the web and the agent into DIR (written when they stop)
  --agent-bin PATH  another agent executable (e.g. main's bundle bin/berth-agent, for an A/B
                    in alternating runs)
  --page-prof DIR   the page's CPU profile during each renderer's cat (Chromium's DevTools
                    profiler), into DIR/page-<renderer>.cpuprofile
  --pacing P        on | off | both | both-on-first (default on): the page's output pacer
                    (drawing held back while output floods); both: off then on, per renderer
  --page-trace DIR  a Chromium trace (devtools.timeline, blink, v8, …) during each renderer's
                    cat, into DIR/page-<renderer>.trace.json
`;

const log = (line: string) => process.stdout.write(`${line}\n`);
const BIG = '/tmp/big';

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: {
      keys: { type: 'string' },
      renderer: { type: 'string' },
      'flood-mb': { type: 'string' },
      rounds: { type: 'string' },
      'no-browser': { type: 'boolean' },
      'floors-only': { type: 'boolean' },
      'cpu-prof': { type: 'string' },
      'page-prof': { type: 'string' },
      'page-trace': { type: 'string' },
      pacing: { type: 'string' },
      'agent-bin': { type: 'string' },
    },
    schema: z.object({
      keys: z.coerce.number().int().min(10).max(5000).default(200),
      renderer: z.enum(['auto', 'webgl', 'dom', 'both', 'all']).default('all'),
      'flood-mb': z.coerce.number().int().min(1).max(1000).default(100),
      rounds: z.coerce.number().int().min(1).max(20).default(3),
      'no-browser': z.boolean().default(false),
      'floors-only': z.boolean().default(false),
      'cpu-prof': z.string().min(1).optional(),
      'page-prof': z.string().min(1).optional(),
      'page-trace': z.string().min(1).optional(),
      pacing: z.enum(['on', 'off', 'both', 'both-on-first']).default('on'),
      'agent-bin': z.string().startsWith('/').optional(),
    }),
  });
  if (args.help) return void process.stdout.write(USAGE);
  const { keys, renderer, rounds, pacing } = args.extra;
  const fileBytes = args.extra['flood-mb'] * 1_000_000;
  const machine = machineFacts();
  const started = new Date();
  log(`terminal benchmark — ${started.toISOString()}\nmachine: ${describeMachine(machine)}`);
  await ensureAgentBuilt();

  const agentBin = args.extra['agent-bin'];
  if (agentBin) log(`agent: ${agentBin}`);
  const stack = await bootTerminalStack(log, { cpuProfDir: args.extra['cpu-prof'], agentBin });
  // base64 of random bytes: printable lines of 76 characters, cut to exactly fileBytes.
  const raw = Math.ceil((fileBytes * 3) / 4);
  await stack.berth([
    'exec',
    stack.containerId,
    'sh',
    '-c',
    `head -c ${raw} /dev/urandom | base64 | head -c ${fileBytes} > ${BIG}`,
  ]);
  const size = Number(
    (await stack.berth(['exec', stack.containerId, 'wc', '-c', BIG])).trim().split(/\s+/)[0],
  );
  log(`container ${stack.containerId.slice(0, 12)}: ${BIG} is ${size} bytes`);

  const pids = { web: stack.web.pid, agent: stack.agent.pid };
  const runcRoot = join(dirname(stack.agent.socket), 'runc');
  const floors: PtyFloor[] = [];
  const relays: { run: NodeBaseline; cpu: CpuShare | null }[] = [];
  const relayRound = async () => {
    let cpu: CpuShare | null = null;
    const run = await nodeBaseline({
      aroundFlood: async () => {
        const stop = await cpuMeter(pids);
        return async () => void (cpu = await stop());
      },
      baseURL: stack.web.baseURL,
      cookie: stack.cookie,
      hostId: stack.hostId,
      containerId: stack.containerId,
      keys,
      file: BIG,
    });
    relays.push({ run, cpu });
    log(
      `  relay (web + agent + its terminal exec): cat ${(size / 1e6 / run.floodSeconds).toFixed(1)} MB/s` +
        ` in ${run.floodFrames} frames` +
        (cpu ? `; CPU during cat: ${formatCpu(cpu)}` : ''),
    );
  };
  const floorRound = async () => {
    const f = await ptyFloor({ runcRoot, containerId: stack.containerId, file: BIG });
    floors.push(f);
    const echo = await ptyEcho({ runcRoot, containerId: stack.containerId, keys });
    floorEchoMs.push(...echo);
    log(
      `  PTY floor (runc exec -t cat under node-pty, no relay): ${(f.bytes / 1e6 / f.seconds).toFixed(1)} MB/s` +
        ` in ${f.chunks} reads (mean ${Math.round(f.bytes / f.chunks)} B, max ${f.maxChunk} B);` +
        ` echo p50 ${percentile(echo, 50).toFixed(2)} ms, p99 ${percentile(echo, 99).toFixed(2)} ms`,
    );
  };
  const conmonRound = async () => {
    const f = await conmonFloor({ runcRoot, containerId: stack.containerId, file: BIG });
    conmonFloors.push(f);
    const echo = await conmonEcho({ runcRoot, containerId: stack.containerId, keys });
    conmonEchoMs.push(...echo);
    log(
      `  conmon floor (conmon --exec -t, attach socket, no relay): ${(f.bytes / 1e6 / f.seconds).toFixed(1)} MB/s` +
        ` in ${f.chunks} packets (mean ${Math.round(f.bytes / f.chunks)} B, max ${f.maxChunk} B);` +
        ` echo p50 ${percentile(echo, 50).toFixed(2)} ms, p99 ${percentile(echo, 99).toFixed(2)} ms`,
    );
  };
  const floorEchoMs: number[] = [];
  const conmonFloors: PtyFloor[] = [];
  const conmonEchoMs: number[] = [];
  const kinds = args.extra['floors-only']
    ? [floorRound, conmonRound]
    : [floorRound, conmonRound, relayRound];
  log(
    `\n[no browser] ${rounds} rounds, rotating which goes first (load ${machineFacts().load1.toFixed(2)}):`,
  );
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < kinds.length; k++) await kinds[(i + k) % kinds.length]!();
  }
  const conmonMBps = conmonFloors.map((f) => f.bytes / 1e6 / f.seconds);
  const floorsMBps = floors.map((f) => f.bytes / 1e6 / f.seconds);
  log(
    `[no browser] PTY floor: cat ${floorsMBps.map((x) => x.toFixed(1)).join(', ')} MB/s, echo p50 ${percentile(floorEchoMs, 50).toFixed(2)} / p99 ${percentile(floorEchoMs, 99).toFixed(2)} ms` +
      `\n[no browser] conmon floor: cat ${conmonMBps.map((x) => x.toFixed(1)).join(', ')} MB/s, echo p50 ${percentile(conmonEchoMs, 50).toFixed(2)} / p99 ${percentile(conmonEchoMs, 99).toFixed(2)} ms` +
      ` (load ${machineFacts().load1.toFixed(2)})`,
  );
  if (relays.length === 0) {
    const out = await writeResults('terminal', started, {
      benchmark: 'terminal',
      date: started.toISOString(),
      machine,
      load1AtEnd: machineFacts().load1,
      keys,
      fileBytes: size,
      floors: { ptyMBps: floorsMBps, ptyEchoMs: floorEchoMs, conmonMBps, conmonEchoMs },
    });
    log(`results: ${out}`);
    return;
  }
  const first = relays[0]!;
  const echoMs = relays.flatMap((r) => r.run.echoMs);
  const relayMBps = relays.map((r) => size / 1e6 / r.run.floodSeconds);
  const floorMBps = floors.map((f) => f.bytes / 1e6 / f.seconds);
  const baseline = {
    echoP50Ms: percentile(echoMs, 50),
    echoP99Ms: percentile(echoMs, 99),
    floodSeconds: first.run.floodSeconds,
    floodMBps: percentile(relayMBps, 50),
    floodMBpsRuns: relayMBps,
    floodWireBytes: first.run.floodWireBytes,
    floodFrames: first.run.floodFrames,
    floodCpu: first.cpu,
    ptyFloorMBps: percentile(floorMBps, 50),
    ptyFloorMBpsRuns: floorMBps,
    ptyFloorReads: floors,
    ptyFloorEchoMs: floorEchoMs,
    conmonFloorMBpsRuns: conmonMBps,
    conmonFloorEchoMs: conmonEchoMs,
  };
  log(
    `[no browser] /ui socket.io client in Node: echo p50 ${baseline.echoP50Ms.toFixed(1)} ms,` +
      ` p99 ${baseline.echoP99Ms.toFixed(1)} ms; cat median ${baseline.floodMBps.toFixed(1)} MB/s` +
      ` vs the PTY floor's median ${baseline.ptyFloorMBps.toFixed(1)} MB/s`,
  );
  if (args.extra['no-browser']) {
    const out = await writeResults('terminal', started, {
      benchmark: 'terminal',
      date: started.toISOString(),
      machine,
      load1AtEnd: machineFacts().load1,
      keys,
      fileBytes: size,
      targets: TERMINAL_TARGETS,
      baseline,
      runs: [],
    });
    log(`load at end: ${machineFacts().load1.toFixed(2)}\nresults: ${out}`);
    return;
  }

  const chromium = await launchChromium();
  const ctx = await chromium.newContext(stack.web.baseURL, stack.cookie);
  const path = `/containers/${stack.hostId}/${stack.containerId}`;
  const renderers: Renderer[] =
    renderer === 'all'
      ? ['auto', 'webgl', 'dom']
      : renderer === 'both'
        ? ['webgl', 'dom']
        : [renderer];
  const runs: {
    requested: Renderer;
    pacing: boolean;
    actual: string;
    echo: EchoSummary;
    flood: FloodSummary;
    floodCpu: CpuShare;
    chromiumCpu: Record<string, number>;
  }[] = [];
  const pacings =
    pacing === 'both'
      ? [false, true]
      : pacing === 'both-on-first'
        ? [true, false]
        : [pacing === 'on'];
  for (const [r, paced] of renderers.flatMap((r) => pacings.map((p) => [r, p] as const))) {
    const { page, actual } = await openTerminal(ctx, path, r, paced);
    const label = `${r}${paced ? '' : ', pacing off'}`;
    log(
      `\n[${label}] terminal connected; renderer in use: ${actual} (load ${machineFacts().load1.toFixed(2)})`,
    );
    const echo = summarizeEcho(await measureEcho(page, keys));
    const pageProf = args.extra['page-prof'];
    const cdp = pageProf ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const pageTrace = args.extra['page-trace'];
    const name = `page-${r}-${actual}${paced ? '' : '-unpaced'}`;
    const traceFile = pageTrace ? join(pageTrace, `${name}.trace.json`) : null;
    if (traceFile) {
      await mkdir(pageTrace!, { recursive: true });
      await chromium.browser.startTracing(page, {
        path: traceFile,
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'blink',
          'cc',
          'gpu',
          'v8',
          'toplevel',
          'disabled-by-default-devtools.timeline.frame',
        ],
      });
    }
    const stopCpu = await cpuMeter(pids);
    const stopChromiumCpu = await chromiumCpuMeter();
    const flood = summarizeFlood(await measureFlood(page, BIG, 600_000), size);
    const floodCpu = await stopCpu();
    const chromiumCpu = await stopChromiumCpu();
    if (traceFile) {
      await chromium.browser.stopTracing();
      log(`  page trace during cat: ${traceFile}`);
    }
    if (cdp && pageProf) {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(pageProf, { recursive: true });
      const file = join(pageProf, `${name}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      await cdp.detach();
      log(`  page CPU profile during cat: ${file}`);
    }
    log(terminalTable(`${actual}${paced ? '' : ', pacing off'}`, echo, flood));
    log(
      `  CPU during cat: ${formatCpu(floodCpu)}, ` +
        formatCpu({ percentOfCore: chromiumCpu }) +
        ` (load ${machineFacts().load1.toFixed(2)})`,
    );
    runs.push({ requested: r, pacing: paced, actual, echo, flood, floodCpu, chromiumCpu });
    await page.close();
  }
  await ctx.close();
  await chromium.close();
  const load1AtEnd = machineFacts().load1;
  log(
    `\ntargets: echo p50 ≤ ${TERMINAL_TARGETS.echoP50Ms} ms, p99 ≤ ${TERMINAL_TARGETS.echoP99Ms} ms; cat ≥ ${TERMINAL_TARGETS.floodMBps} MB/s` +
      `\nload at end: ${load1AtEnd.toFixed(2)}`,
  );
  const out = await writeResults('terminal', started, {
    benchmark: 'terminal',
    date: started.toISOString(),
    machine,
    load1AtEnd,
    keys,
    fileBytes: size,
    targets: TERMINAL_TARGETS,
    baseline,
    runs,
  });
  log(`results: ${out}`);
}

void runMain(main);
