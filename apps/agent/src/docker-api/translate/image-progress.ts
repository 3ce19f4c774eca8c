import type { LayerProgress } from '@berth/runtime';
import { humanSize, shortId } from '../../human-units.js';

/** One line of Docker's JSON progress stream (`jsonmessage.JSONMessage`). */
export interface JsonMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  stream?: string;
  aux?: Record<string, unknown>;
  error?: string;
  errorDetail?: { message: string };
}

/** Pure: the bar Docker's `JSONProgress.String()` draws (width 50): `[==>   ]  1.2MB/3.4MB`. */
export function progressBar(current: number, total: number): string {
  if (total <= 0) return humanSize(current);
  const width = 50;
  const filled = Math.min(width, Math.floor((current / total) * width));
  const bar =
    filled >= width ? '='.repeat(width) : `${'='.repeat(filled)}>${' '.repeat(width - filled - 1)}`;
  const sizes = `${humanSize(current)}/${humanSize(total)}`;
  return `[${bar}] ${sizes.padStart(15)}`;
}

function line(
  status: string,
  id: string,
  detail?: { current: number; total: number },
): JsonMessage {
  return {
    status,
    progressDetail: detail ?? {},
    ...(detail ? { progress: progressBar(detail.current, detail.total) } : {}),
    id,
  };
}

/**
 * Turns Berth's per-layer pull progress into the lines dockerd writes, in its order per layer:
 * Pulling fs layer → Downloading (bytes) → Verifying Checksum → Download complete → Extracting →
 * Pull complete. A layer already here is "Already exists", held back (`takeHeld`) because dockerd
 * shows none of them when the image turns out to be up to date. Stateful: one per pull.
 */
export class PullProgress {
  readonly #seen = new Map<string, 'announced' | 'downloaded' | 'finished'>();
  #held: JsonMessage[] = [];
  /** Whether any layer had to be downloaded or unpacked (Docker's "Downloaded newer image"). */
  changed = false;

  translate(p: LayerProgress): JsonMessage[] {
    const id = shortId(p.layer);
    const state = this.#seen.get(p.layer);
    const out: JsonMessage[] = [];
    if (state === 'finished' || p.status === 'waiting') return out;
    if (p.status === 'already exists') {
      this.#held.push(line('Already exists', id));
      this.#seen.set(p.layer, 'finished');
      return out;
    }
    if (!state) {
      out.push(line('Pulling fs layer', id));
      this.#seen.set(p.layer, 'announced');
    }
    const downloaded = () => {
      if (this.#seen.get(p.layer) !== 'announced') return;
      out.push(line('Download complete', id));
      this.#seen.set(p.layer, 'downloaded');
    };
    this.changed = true;
    switch (p.status) {
      case 'downloading':
        out.push(line('Downloading', id, { current: p.current, total: p.total }));
        break;
      case 'verifying':
        out.push(line('Verifying Checksum', id));
        downloaded();
        break;
      case 'extracting':
        downloaded();
        out.push(line('Extracting', id, { current: p.current, total: p.total }));
        break;
      case 'done':
        downloaded();
        out.push(line('Pull complete', id));
        this.#seen.set(p.layer, 'finished');
        break;
      default:
        break;
    }
    return out;
  }

  /** The "Already exists" lines held so far (each given once). */
  takeHeld(): JsonMessage[] {
    const out = this.#held;
    this.#held = [];
    return out;
  }
}

/**
 * Turns Berth's push progress into dockerd's lines: Preparing → Pushing (bytes) → Pushed, or
 * Layer already exists / Mounted from. Docker names a pushed layer by its diff ID; blobs that
 * are not layers (the config) are not shown.
 */
export class PushProgress {
  constructor(
    private readonly diffIdOf: (blob: string) => string | undefined,
    private readonly mountedFrom: string,
  ) {}

  translate(p: LayerProgress): JsonMessage[] {
    const diffId = this.diffIdOf(p.layer);
    if (!diffId) return [];
    const id = shortId(diffId);
    switch (p.status) {
      case 'pushing':
        return [line('Pushing', id, { current: p.current, total: p.total })];
      case 'done':
        return [line('Pushed', id)];
      case 'already exists':
        return [line('Layer already exists', id)];
      case 'mounted':
        return [line(`Mounted from ${this.mountedFrom}`, id)];
      default:
        return [];
    }
  }

  /** The lines before any transfer: every layer, newest first, as Docker lists them. */
  preparing(diffIds: readonly string[]): JsonMessage[] {
    return [...diffIds].reverse().map((d) => line('Preparing', shortId(d)));
  }
}

/** Pure: an error as the last line of a stream (the client prints `message` and exits 1). */
export function errorLine(message: string): JsonMessage {
  return { errorDetail: { message }, error: message };
}
