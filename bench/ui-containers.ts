// `npx tsx bench/ui-containers.ts [--containers 1000] [--window 30] [--changes 3]`
// The containers list in Debian's Chromium against the real web, fed by an agent SIMULATOR
// (real protocol, synthetic containers, stats.summary at 1 Hz): time to interactive, long tasks
// under live updates, scrolling the virtualized list to the bottom.
import { z } from 'zod';
import { parseBenchArgs } from './lib/args.js';
import { launchChromium } from './lib/browser.js';
import { runMain } from './lib/cleanup.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { writeResults } from './lib/report.js';
import { createHost, startWeb, waitHostOnline } from './lib/web.js';
import { startSimulator } from './ui-containers/simulator.js';
import { measureLoad, measureWindow, openList } from './ui-containers/measure.js';
import { listReport, LIST_TARGETS } from './ui-containers/report.js';

const USAGE = `usage: npx tsx bench/ui-containers.ts [flags]
  --containers N  synthetic containers the simulated agent reports (default 1000)
  --window S      seconds of 1 Hz updates watched for long tasks (default 30)
  --changes N     containers flipped running/exited per second (default 3)
`;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    options: {
      containers: { type: 'string' },
      window: { type: 'string' },
      changes: { type: 'string' },
    },
    schema: z.object({
      containers: z.coerce.number().int().min(2).max(10_000).default(1000),
      window: z.coerce.number().int().min(10).max(600).default(30),
      changes: z.coerce.number().int().min(0).max(100).default(3),
    }),
  });
  if (args.help) return void process.stdout.write(USAGE);
  const { containers: count, window, changes } = args.extra;
  const machine = machineFacts();
  const started = new Date();
  log(`ui-containers benchmark (agent SIMULATOR) — ${started.toISOString()}`);
  log(`machine: ${describeMachine(machine)}`);

  const web = await startWeb();
  const cookie = await web.login();
  const { hostId, joinToken } = await createHost(web, cookie, 'bench-simulator');
  const sim = await startSimulator({
    baseURL: web.baseURL,
    joinToken,
    containers: count,
    changesPerSec: changes,
  });
  await waitHostOnline(web, cookie, hostId);
  await waitForMirror(web, cookie, hostId, count);
  log(`web ${web.baseURL} (pid ${web.pid}); simulated host ${hostId} with ${count} containers`);

  const chromium = await launchChromium();
  const ctx = await chromium.newContext(web.baseURL, cookie);
  const page = await openList(ctx);
  const lastName = `sim-${String(count - 1).padStart(4, '0')}`;
  const load = await measureLoad(page, lastName);
  const live = await measureWindow(page, window);
  await ctx.close();
  await chromium.close();
  const sent = sim.sent();
  const rpcs = sim.rpcs();
  sim.stop();
  const load1AtEnd = machineFacts().load1;

  const report = listReport({ count, load, live });
  log(
    `\n${report.text}\nsimulator sent: ${JSON.stringify(sent)}; RPCs answered: ${JSON.stringify(rpcs)}`,
  );
  log(`load at end: ${load1AtEnd.toFixed(2)}`);
  const out = await writeResults('ui-containers', started, {
    benchmark: 'ui-containers',
    source: 'agent simulator (synthetic containers), real web, Chromium',
    date: started.toISOString(),
    machine,
    load1AtEnd,
    containers: count,
    windowSec: window,
    changesPerSec: changes,
    targets: LIST_TARGETS,
    load,
    live,
    simulator: { sent, rpcs },
    summary: report.summary,
  });
  log(`results: ${out}`);
}

async function waitForMirror(
  web: Awaited<ReturnType<typeof startWeb>>,
  cookie: string,
  hostId: string,
  count: number,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  let seen = 0;
  while (Date.now() < deadline) {
    const body = await web.api<unknown>(cookie, 'GET', `/api/hosts/${hostId}/containers`);
    seen = (JSON.stringify(body).match(/"sim-\d+"/g) ?? []).length;
    if (seen >= count) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the web mirrored ${seen} of ${count} containers`);
}

void runMain(main);
