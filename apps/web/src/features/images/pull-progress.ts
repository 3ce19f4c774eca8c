import type { LayerStatus } from '@berth/protocol';

/** One layer's progress bar. */
export interface LayerBar {
  layer: string;
  status: LayerStatus;
  current: number;
  total: number;
  /** 0–100; null when the size is unknown (indeterminate bar). */
  percent: number | null;
}

export interface PullView {
  layers: LayerBar[];
  /** Bytes done / bytes known over all layers, 0–100 (null before any size is known). */
  percent: number | null;
  done: boolean;
}

export const emptyPull: PullView = { layers: [], percent: null, done: false };

const finished = new Set<LayerStatus>(['already exists', 'mounted', 'done']);

function barPercent(status: LayerStatus, current: number, total: number): number | null {
  if (finished.has(status)) return 100;
  if (total <= 0) return null;
  return Math.min(100, Math.round((current / total) * 100));
}

/** Folds one progress event into the view (layers keep their first-seen order). Pure. */
export function applyProgress(
  view: PullView,
  e: { layer: string; status: LayerStatus; current: number; total: number },
): PullView {
  const bar: LayerBar = { ...e, percent: barPercent(e.status, e.current, e.total) };
  const i = view.layers.findIndex((l) => l.layer === e.layer);
  const layers = i < 0 ? [...view.layers, bar] : view.layers.map((l, j) => (j === i ? bar : l));
  let done = 0;
  let total = 0;
  for (const l of layers) {
    if (l.total <= 0) continue;
    total += l.total;
    done += finished.has(l.status) ? l.total : Math.min(l.current, l.total);
  }
  return {
    layers,
    percent: total > 0 ? Math.round((done / total) * 100) : null,
    done: layers.length > 0 && layers.every((l) => finished.has(l.status)),
  };
}

/** Short layer label: the first 12 hex digits of its digest. */
export function shortDigest(digest: string | null): string {
  if (!digest) return '(unreferenced)';
  return digest.replace(/^sha256:/, '').slice(0, 12);
}
