import type { NetworkMode } from '../containers/driver.js';
import { comparisonTable } from '../lib/report.js';
import { ratio, summarize, type Summary } from '../lib/stats.js';
import type { LifecycleSamples } from './rounds.js';

/** Berth's `run -d` should take at most this fraction of `docker run -d` (medians). */
export const TARGET_RATIO = 0.25;

export interface PhaseResult extends Summary {
  readonly samplesMs: readonly number[];
}

export interface NetworkResult {
  readonly network: NetworkMode;
  readonly drivers: Record<string, { run: PhaseResult; remove: PhaseResult }>;
  /** Ratios of medians, Berth / Docker. */
  readonly ratios: {
    readonly runCli: number;
    readonly runRest: number;
    /** Berth's API call against what a Docker user waits for. */
    readonly runRestVsDockerCli: number;
    readonly removeCli: number;
    readonly removeRest: number;
  };
  readonly targetMet: { readonly cli: boolean; readonly rest: boolean };
  /** The printed report. */
  readonly text: string;
}

const phase = (samples: readonly number[]): PhaseResult => ({
  ...summarize(samples),
  samplesMs: samples,
});

const verdict = (r: number) =>
  `${r.toFixed(2)}× (${r <= TARGET_RATIO ? 'met' : 'NOT met'}, target ≤ ${TARGET_RATIO}×)`;

/**
 * Pure: per-driver samples (labels `berth CLI`, `docker CLI`, `berth REST`, `docker REST`) →
 * summaries, Berth/Docker ratios and the printed tables.
 */
export function summarizeNetwork(
  network: NetworkMode,
  samples: ReadonlyMap<string, LifecycleSamples>,
): NetworkResult {
  const drivers: NetworkResult['drivers'] = {};
  for (const [label, s] of samples) drivers[label] = { run: phase(s.run), remove: phase(s.remove) };
  const get = (label: string) => {
    const d = drivers[label];
    if (!d) throw new RangeError(`no samples for ${label}`);
    return d;
  };
  const [bc, dc, br, dr] = ['berth CLI', 'docker CLI', 'berth REST', 'docker REST'].map(get) as [
    NetworkResult['drivers'][string],
    NetworkResult['drivers'][string],
    NetworkResult['drivers'][string],
    NetworkResult['drivers'][string],
  ];
  const ratios = {
    runCli: ratio(bc.run, dc.run),
    runRest: ratio(br.run, dr.run),
    runRestVsDockerCli: ratio(br.run, dc.run),
    removeCli: ratio(bc.remove, dc.remove),
    removeRest: ratio(br.remove, dr.remove),
  };
  const table = (which: 'run' | 'remove') =>
    comparisonTable(
      Object.entries(drivers).map(([label, d]) => ({
        label,
        samples: d[which].samplesMs,
        summary: d[which],
      })),
    );
  const text = [
    `run -d, --network ${network}:`,
    table('run'),
    '',
    `stop -t 0 + rm, --network ${network}:`,
    table('remove'),
    '',
    `berth/docker run -d, CLI vs CLI:   ${verdict(ratios.runCli)}`,
    `berth/docker run -d, REST vs REST: ${verdict(ratios.runRest)}`,
    `berth REST / docker CLI run -d:    ${verdict(ratios.runRestVsDockerCli)}`,
    `berth/docker stop + rm: CLI ${ratios.removeCli.toFixed(2)}×, REST ${ratios.removeRest.toFixed(2)}×`,
  ].join('\n');
  return {
    network,
    drivers,
    ratios,
    targetMet: { cli: ratios.runCli <= TARGET_RATIO, rest: ratios.runRest <= TARGET_RATIO },
    text,
  };
}
