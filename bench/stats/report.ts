import { formatTable, mib, ms } from '../lib/report.js';
import { ratio, summarize, type Summary } from '../lib/stats.js';
import type { BerthPhase } from './berth-phase.js';
import type { DockerPhase } from './docker-phase.js';
import type { Observation } from './observe.js';

/** Targets for 200 containers (architecture: one sampler pass for all containers per second). */
export const TARGETS = { tickMs: 20, cpuPercent: 2, rssBytes: 80e6 } as const;

export interface StatsSummary {
  readonly tickMeanMs: number | null;
  readonly tickMaxMs: number | null;
  readonly cpuPercent: number;
  readonly rssBytes: number;
  readonly met: { readonly tick: boolean | null; readonly cpu: boolean; readonly rss: boolean };
  readonly cliStats: { readonly berth: Summary; readonly docker: Summary; readonly ratio: number };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const pct = (n: number) => `${n.toFixed(2)} %`;
const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'met' : 'NOT met');

/** Where the loaded agent's RSS is: anonymous vs file-backed, and its own V8 breakdown. */
function memoryBreakdown(berth: BerthPhase): string[] {
  const o = berth.loaded;
  return [
    `  of which anonymous ${mb(o.rssAnonBytes)}, file-backed ${mb(o.rssFileBytes)} (the node binary's pages, libraries)`,
    `  agent's breakdown (kill -USR2): ${berth.memoryLine ?? 'no memory line logged'}`,
  ];
}

function observationRows(label: string, o: Observation): string[][] {
  return [
    [
      label,
      o.ticks ? `${o.ticks.meanMs.toFixed(1)} ms` : '-',
      o.ticks ? `${o.ticks.maxMs.toFixed(1)} ms` : '-',
      o.ticks ? String(o.ticks.ticks) : '0',
      pct(o.cpuPercent),
      pct(o.cpuPercentWithChildren),
      mb(o.rssEndBytes),
      mb(o.rssPeakBytes),
    ],
  ];
}

/** Pure: both phases → the printed report and the figures checked against the targets. */
export function statsReport(input: { count: number; berth: BerthPhase; docker: DockerPhase }): {
  text: string;
  summary: StatsSummary;
} {
  const { count, berth, docker } = input;
  const t = berth.loaded.ticks;
  const berthCli = summarize(berth.cliStatsMs);
  const dockerCli = summarize(docker.cliStatsMs);
  const summary: StatsSummary = {
    tickMeanMs: t?.meanMs ?? null,
    tickMaxMs: t?.maxMs ?? null,
    cpuPercent: berth.loaded.cpuPercent,
    rssBytes: berth.loaded.rssEndBytes,
    met: {
      tick: t ? t.meanMs <= TARGETS.tickMs : null,
      cpu: berth.loaded.cpuPercent <= TARGETS.cpuPercent,
      rss: berth.loaded.rssEndBytes <= TARGETS.rssBytes,
    },
    cliStats: { berth: berthCli, docker: dockerCli, ratio: ratio(berthCli, dockerCli) },
  };
  const agentTable = formatTable([
    ['berth-agent', 'tick mean', 'tick max', 'ticks', 'CPU', 'CPU+children', 'RSS', 'peak RSS'],
    ...(berth.baseline
      ? observationRows(`0 containers, ${(berth.baseline.windowMs / 1000) | 0} s`, berth.baseline)
      : []),
    ...observationRows(
      `${count} containers, ${(berth.loaded.windowMs / 1000) | 0} s`,
      berth.loaded,
    ),
  ]);
  const cliTable = formatTable([
    [`stats --no-stream, ${count} containers`, 'median', 'p95', 'min', 'max'],
    ...(
      [
        ['berth CLI', berthCli],
        ['docker CLI', dockerCli],
      ] as const
    ).map(([label, s]) => [label, ms(s.median), ms(s.p95), ms(s.min), ms(s.max)]),
  ]);
  const text = [
    agentTable,
    '',
    `sampler tick (agent's own debug log): ${
      t
        ? `mean ${t.meanMs.toFixed(1)} ms, max ${t.maxMs.toFixed(1)} ms over ${t.ticks} ticks` +
          (t.cpuMeanMs === null ? '' : ` (CPU time per tick: mean ${t.cpuMeanMs.toFixed(1)} ms)`)
        : 'no tick log line seen'
    } — target ≤ ${TARGETS.tickMs} ms (${verdict(summary.met.tick)})`,
    `agent CPU at 1 Hz: ${pct(summary.cpuPercent)} of a core — target ≤ ${TARGETS.cpuPercent} % (${verdict(summary.met.cpu)})`,
    `agent RSS: ${mb(summary.rssBytes)} (${mib(summary.rssBytes)}) — target ≤ ${mb(TARGETS.rssBytes)} (${verdict(summary.met.rss)})`,
    ...memoryBreakdown(berth),
    '',
    cliTable,
    `ratio berth/docker (medians): ${summary.cliStats.ratio.toFixed(2)}×`,
    '',
    `start ${count} (REST, 4 in flight): berth ${ms(berth.startMs)}, docker ${ms(docker.startMs)}`,
    `remove ${count} (REST, one by one): berth ${ms(berth.removeAllMs)}, docker ${ms(docker.removeAllMs)}`,
    `dockerd RSS with ${count} containers: ${mb(docker.dockerdRssBytes)} (containerd and shims not counted)`,
  ].join('\n');
  return { text, summary };
}

/** Pure: the Berth phase alone (`--skip-docker`). */
export function berthOnlyReport(count: number, berth: BerthPhase): string {
  const rssBytes = berth.loaded.rssEndBytes;
  return [
    formatTable([
      ['berth-agent', 'tick mean', 'tick max', 'ticks', 'CPU', 'CPU+children', 'RSS', 'peak RSS'],
      ...(berth.baseline
        ? observationRows(`0 containers, ${(berth.baseline.windowMs / 1000) | 0} s`, berth.baseline)
        : []),
      ...observationRows(
        `${count} containers, ${(berth.loaded.windowMs / 1000) | 0} s`,
        berth.loaded,
      ),
    ]),
    `agent RSS: ${mb(rssBytes)} (${mib(rssBytes)}) — target ≤ ${mb(TARGETS.rssBytes)} (${verdict(rssBytes <= TARGETS.rssBytes)})`,
    ...memoryBreakdown(berth),
  ].join('\n');
}
