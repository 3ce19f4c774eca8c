/**
 * Fleet load test: R web replicas behind HAProxy on one PostgreSQL, N simulated agents with M
 * containers each (real protocol, real enrollment), K browser sockets watching live stats.
 *
 *   npx tsx bench/fleet.ts --agents 100 --containers 100 --replicas 2 --browsers 20 --seconds 60
 *   … [--adapter postgres|redis] [--watch 10] [--kill-replica] [--json]
 *
 * Prints relay latency p50/p99 (agent sample time → browser receipt), dropped samples, CPU and
 * RSS per replica, the database write rate and, with --kill-replica, how long the killed
 * replica's agents and browsers took to come back. Not a test: asserts nothing.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startTestPostgres } from '@berth/db/test-support';
import { measureFleet, startFleet, type FleetReport } from '@berth/testkit/fleet';
import { parseBenchArgs } from './lib/args.js';
import { onCleanup, runMain } from './lib/cleanup.js';
import { BenchError } from './lib/errors.js';
import { describeMachine, machineFacts } from './lib/machine.js';
import { formatTable, writeResults } from './lib/report.js';
import { makeTempDir } from './lib/temp.js';

const WEB_DIR = fileURLToPath(new URL('../apps/web/', import.meta.url));
const USAGE = `usage: npx tsx bench/fleet.ts --agents N --containers M --replicas R --browsers K --seconds S
  [--adapter postgres|redis] [--watch W] [--kill-replica] [--json]`;

const int = (min: number, max: number, dflt: number) =>
  z.coerce.number().int().min(min).max(max).default(dflt);

const Schema = z.object({
  agents: int(1, 2000, 20),
  containers: int(1, 1000, 20),
  replicas: int(1, 16, 2),
  browsers: int(1, 2000, 10),
  seconds: int(5, 3600, 20),
  watch: int(1, 200, 10),
  adapter: z.enum(['postgres', 'redis']).default('postgres'),
  json: z.boolean().default(false),
  'kill-replica': z.boolean().default(false),
});

const n1 = (v: number | null) => (v === null ? '—' : v.toFixed(1));

function human(r: FleetReport, machine: string): string {
  const lines = [
    `fleet: ${r.agents} agents × ${r.containers} containers, ${r.replicas.length} replicas (${r.adapter} adapter), ${r.browsers} browsers, ${r.seconds} s`,
    `machine: ${machine}`,
    '',
    formatTable([
      ['figure', 'value'],
      ['container samples produced', `${r.producedPerSec}/s`],
      ['watched samples (× watchers)', String(r.samples)],
      ['dropped', String(r.dropped)],
      ['series watched / seen by all', `${r.seriesWatched} / ${r.seriesSeenByAll}`],
      ['relay p50', `${n1(r.relayP50Ms)} ms`],
      ['relay p99', `${n1(r.relayP99Ms)} ms`],
      ['db rows written', `${r.dbRowWritesPerSec.toFixed(1)}/s`],
      ['db commits', `${r.dbCommitsPerSec.toFixed(1)}/s`],
      ...(r.killedReplica
        ? [
            ['killed replica', r.killedReplica],
            ['agents + browsers back after', `${n1(r.failoverReconnectS)} s`],
            ['lost in failover (in flight)', String(r.droppedInFailover)],
          ]
        : []),
    ]),
    '',
    formatTable([
      ['replica', 'CPU (cores)', 'RSS peak (MiB)'],
      ...r.replicas.map((x) => [
        x.name,
        x.cpuCores === null ? 'killed' : x.cpuCores.toFixed(2),
        n1(x.rssMb),
      ]),
    ]),
  ];
  return lines.join('\n');
}

async function main() {
  const parsed = parseBenchArgs(process.argv.slice(2), {
    options: {
      agents: { type: 'string' },
      containers: { type: 'string' },
      replicas: { type: 'string' },
      browsers: { type: 'string' },
      seconds: { type: 'string' },
      watch: { type: 'string' },
      adapter: { type: 'string' },
      json: { type: 'boolean' },
      'kill-replica': { type: 'boolean' },
    },
    schema: Schema,
  });
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const a = parsed.extra;
  if (a['kill-replica'] && a.replicas < 2)
    throw new BenchError('--kill-replica needs --replicas ≥ 2');
  const log = (line: string) => {
    if (!a.json) console.error(`[fleet] ${line}`);
  };
  const when = new Date();
  const machine = describeMachine(machineFacts());
  const dir = await makeTempDir('fleet');
  const pg = await startTestPostgres();
  onCleanup('stop PostgreSQL', () => pg.stop());
  const databaseUrl = await pg.createDatabase();
  const fleet = await startFleet({
    webMainJs: `${WEB_DIR}dist/server/main.js`,
    webCwd: WEB_DIR,
    databaseUrl,
    adapter: a.adapter,
    agents: a.agents,
    containers: a.containers,
    replicas: a.replicas,
    browsers: a.browsers,
    seconds: a.seconds,
    watchPerBrowser: a.watch,
    dir: dir.path,
    log,
  });
  onCleanup('stop the fleet', () => fleet.stop());
  log(`measuring ${a.seconds} s${a['kill-replica'] ? ' (killing a replica halfway)' : ''}`);
  const measured = await measureFleet(fleet, {
    seconds: a.seconds,
    killReplica: a['kill-replica'],
    databaseUrl,
    log,
  });
  const report: FleetReport = {
    adapter: a.adapter,
    agents: a.agents,
    containers: a.containers,
    browsers: a.browsers,
    ...measured,
  };
  const file = await writeResults('fleet', when, { when: when.toISOString(), machine, report });
  if (a.json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(human(report, machine));
    console.log(`\nresults: ${file}`);
  }
}

await runMain(main);
