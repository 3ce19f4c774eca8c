import type { LayerProgress, LayerStatus } from '@berth/protocol';
import { humanSize, shortId } from './human.js';

export type TransferKind = 'pull' | 'push';

const labels: Record<LayerStatus, string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  verifying: 'Verifying Checksum',
  extracting: 'Extracting',
  'already exists': 'Already exists',
  pushing: 'Pushing',
  mounted: 'Mounted from another repository',
  done: 'Pull complete',
};

export function statusLabel(status: LayerStatus, kind: TransferKind): string {
  if (status === 'done') return kind === 'push' ? 'Pushed' : 'Pull complete';
  if (status === 'already exists' && kind === 'push') return 'Layer already exists';
  return labels[status];
}

/** `[=====>      ]`, docker's 50-column bar. */
export function progressBar(current: number, total: number, width = 50): string {
  if (total <= 0) return '';
  const bars = Math.min(width, Math.floor((width * Math.max(0, current)) / total));
  if (bars >= width) return `[${'='.repeat(width)}]`;
  return `[${'='.repeat(bars)}>${' '.repeat(width - bars - 1)}]`;
}

const withBar = new Set<LayerStatus>(['downloading', 'extracting', 'pushing']);

/** One layer's line: `abc123def456: Downloading [=====>   ]  12.3MB/40MB`. */
export function progressLine(p: LayerProgress, kind: TransferKind): string {
  const head = `${shortId(p.layer)}: ${statusLabel(p.status, kind)}`;
  if (!withBar.has(p.status) || p.total <= 0) return head;
  return `${head} ${progressBar(p.current, p.total)}  ${humanSize(p.current)}/${humanSize(p.total)}`;
}

const ESC = '\u001b[';

/**
 * Pure progress view. TTY: one line per layer, redrawn in place with cursor moves (up N, clear
 * line, rewrite, down N). Not a TTY: a plain line whenever a layer's status changes.
 * `update` returns the text to write.
 */
export class ProgressView {
  readonly #order: string[] = [];
  readonly #status = new Map<string, LayerStatus>();

  constructor(
    private readonly kind: TransferKind,
    private readonly tty: boolean,
  ) {}

  update(p: LayerProgress): string {
    const line = progressLine(p, this.kind);
    const seen = this.#status.get(p.layer);
    this.#status.set(p.layer, p.status);
    if (!this.tty) return seen === p.status ? '' : line + '\n';
    const index = this.#order.indexOf(p.layer);
    if (index < 0) {
      this.#order.push(p.layer);
      return line + '\n';
    }
    const up = this.#order.length - index;
    return `${ESC}${up}A\r${ESC}2K${line}\r${ESC}${up}B`;
  }
}
