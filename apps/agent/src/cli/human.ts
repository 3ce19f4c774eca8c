import { humanDuration } from '../human-units.js';

export { humanDuration, humanSize, shortId } from '../human-units.js';

/** `created` (RFC 3339) → "3 hours ago"; "N/A" when unknown or unparsable. */
export function humanAge(created: string | null, now: number): string {
  if (!created) return 'N/A';
  const t = Date.parse(created);
  if (Number.isNaN(t)) return 'N/A';
  return `${humanDuration(Math.max(0, now - t))} ago`;
}
