/**
 * The SVG path of a sparkline: values spread over the width, scaled to `max` (or the largest
 * value), nulls break the line. Empty string when there is nothing to draw.
 */
export function sparklinePath(
  values: readonly (number | null)[],
  opts: { width: number; height: number; max?: number; pad?: number },
): string {
  const pad = opts.pad ?? 1;
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return '';
  const top = opts.max ?? Math.max(...known);
  const scale = top > 0 ? top : 1;
  const step = values.length > 1 ? (opts.width - 2 * pad) / (values.length - 1) : 0;
  let d = '';
  let penDown = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      penDown = false;
      return;
    }
    const x = pad + i * step;
    const clamped = Math.min(Math.max(v / scale, 0), 1);
    const y = opts.height - pad - clamped * (opts.height - 2 * pad);
    d += `${penDown ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
    penDown = true;
  });
  return d;
}
