// C0/C1 controls, zero-width characters and bidi overrides: what could forge a line or hide text.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text an unauthenticated party sent (a typed username, an agent's hostname) on its way into an
 * audit row's detail: control and bidi-override characters removed, length capped. It is never
 * used as an actor name — the audit's actor is only ever a name this server issued.
 */
export function claimedText(value: unknown, max = 64): string {
  const text = typeof value === 'string' ? value : String(value);
  const clean = text.replace(UNSAFE, '');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
