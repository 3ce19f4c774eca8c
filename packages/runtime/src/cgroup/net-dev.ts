import { scanNetDev } from './scan.js';
import { StatFile, scratch } from './stat-file.js';
import type { NetworkStats } from './stats.js';

const sums = new Float64Array(6);

function toNetworkStats(counted: number): NetworkStats | null {
  if (counted === 0) return null;
  return {
    rxBytes: sums[0]!,
    rxPackets: sums[1]!,
    rxErrors: sums[2]!,
    txBytes: sums[3]!,
    txPackets: sums[4]!,
    txErrors: sums[5]!,
  };
}

/** Pure: /proc/<pid>/net/dev summed over interfaces except `lo`; null when there is none. */
export function parseNetDev(text: string): NetworkStats | null {
  const buf = Buffer.from(text, 'latin1');
  return toNetworkStats(scanNetDev(buf, buf.length, sums));
}

/** A process's netns counters (`/proc/<pid>/net/dev`), kept open and re-read per sample. */
export class NetDevFile {
  readonly #file: StatFile;

  constructor(pid: number, procRoot = '/proc') {
    this.#file = new StatFile(`${procRoot}/${pid}/net/dev`);
  }

  /** Null when the process (or its netns) is gone. */
  read(): NetworkStats | null {
    const n = this.#file.read(scratch);
    return n < 0 ? null : toNetworkStats(scanNetDev(scratch, n, sums));
  }

  close(): void {
    this.#file.close();
  }
}
