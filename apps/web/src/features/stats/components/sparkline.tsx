import { sparklinePath } from '../sparkline-path.js';

/** A tiny inline trend line (SVG); nulls leave gaps. `max` fixes the top (e.g. 100 for %). */
export function Sparkline(props: { values: (number | null)[]; max?: number; label: string }) {
  const width = 80;
  const height = 20;
  const d = sparklinePath(props.values, { width, height, max: props.max });
  return (
    <svg
      role="img"
      aria-label={props.label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="inline-block align-middle text-sky-600 dark:text-sky-400"
    >
      <title>{props.label}</title>
      {d ? (
        <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
      ) : null}
    </svg>
  );
}
