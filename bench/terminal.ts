// `npx tsx bench/terminal.ts [--keys 200] [--renderer both|webgl|dom] [--flood-mb 100]`
// The dashboard's terminal in Debian's Chromium against the real stack (web + one enrolled agent +
// a busybox container): keystroke echo latency and `cat` throughput, measured inside the page.
import { z } from 'zod';
import { parseBenchArgs } from './lib/args.js';
import { launchChromium } from './lib/browser.js';
import { runMain } from './lib/cleanup.js';
import { ensureAgentBuilt } from './lib/agent.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { writeResults } from './lib/report.js';
import { bootTerminalStack } from './terminal/stack.js';
import { nodeBaseline } from './terminal/node-client.js';
import { percentile } from './lib/stats.js';
import { cpuMeter, formatCpu, type CpuShare } from './terminal/cpu.js';
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
  --renderer R      webgl | dom | both (default both; webgl is the app's default)
  --flood-mb N      size of the file cat prints, in 10^6 bytes (default 100)
`;

const log = (line: string) => process.stdout.write(`${line}\n`);
const BIG = '/tmp/big';

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: {
      keys: { type: 'string' },
      renderer: { type: 'string' },
      'flood-mb': { type: 'string' },
    },
    schema: z.object({
      keys: z.coerce.number().int().min(10).max(5000).default(200),
      renderer: z.enum(['webgl', 'dom', 'both']).default('both'),
      'flood-mb': z.coerce.number().int().min(1).max(1000).default(100),
    }),
  });
  if (args.help) return void process.stdout.write(USAGE);
  const { keys, renderer } = args.extra;
  const fileBytes = args.extra['flood-mb'] * 1_000_000;
  const machine = machineFacts();
  const started = new Date();
  log(`terminal benchmark — ${started.toISOString()}\nmachine: ${describeMachine(machine)}`);
  await ensureAgentBuilt();

  const stack = await bootTerminalStack(log);
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
  let baselineCpu: CpuShare | null = null;
  const base = await nodeBaseline({
    aroundFlood: async () => {
      const stop = await cpuMeter(pids);
      return async () => void (baselineCpu = await stop());
    },
    baseURL: stack.web.baseURL,
    cookie: stack.cookie,
    hostId: stack.hostId,
    containerId: stack.containerId,
    keys,
    file: BIG,
  });
  const baseline = {
    echoP50Ms: percentile(base.echoMs, 50),
    echoP99Ms: percentile(base.echoMs, 99),
    floodSeconds: base.floodSeconds,
    floodMBps: size / 1e6 / base.floodSeconds,
    floodWireBytes: base.floodWireBytes,
    floodCpu: baselineCpu as CpuShare | null,
  };
  log(
    `\n[no browser] /ui socket.io client in Node (web + agent + PTY only): echo p50 ${baseline.echoP50Ms.toFixed(1)} ms,` +
      ` p99 ${baseline.echoP99Ms.toFixed(1)} ms; cat ${baseline.floodMBps.toFixed(1)} MB/s (${baseline.floodSeconds.toFixed(2)} s)` +
      (baseline.floodCpu ? `; CPU during cat: ${formatCpu(baseline.floodCpu)}` : ''),
  );

  const chromium = await launchChromium();
  const ctx = await chromium.newContext(stack.web.baseURL, stack.cookie);
  const path = `/containers/${stack.hostId}/${stack.containerId}`;
  const renderers: Renderer[] = renderer === 'both' ? ['webgl', 'dom'] : [renderer];
  const runs: {
    requested: Renderer;
    actual: string;
    echo: EchoSummary;
    flood: FloodSummary;
    floodCpu: CpuShare;
  }[] = [];
  for (const r of renderers) {
    const { page, actual } = await openTerminal(ctx, path, r);
    log(`\n[${r}] terminal connected; renderer in use: ${actual}`);
    const echo = summarizeEcho(await measureEcho(page, keys));
    const stopCpu = await cpuMeter(pids);
    const flood = summarizeFlood(await measureFlood(page, BIG, 600_000), size);
    const floodCpu = await stopCpu();
    log(terminalTable(actual, echo, flood));
    log(`  CPU during cat: ${formatCpu(floodCpu)} (Chromium not counted)`);
    runs.push({ requested: r, actual, echo, flood, floodCpu });
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
