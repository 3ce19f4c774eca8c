import { familiarName, parseReference, type ImageRecord } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import { boolFilter, labelsMatch, type Filters } from './filters.js';

export const IMAGE_LIST_FILTERS = ['dangling', 'label', 'before', 'since', 'reference'] as const;
export const IMAGE_PRUNE_FILTERS = ['dangling', 'until', 'label', 'label!'] as const;

/**
 * Pure: Go's `path.Match` (what Docker's `reference=` filter uses): `*` is any run of non-`/`
 * characters, `?` one, `[a-z]` / `[^a-z]` a class, `\` escapes. A malformed pattern is a 400.
 */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw badPattern(pattern);
      re += escapeRe(next);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw badPattern(pattern);
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') throw badPattern(pattern);
      re += `[${negate ? '^/' : ''}${body.replace(/[\]\\]/g, '\\$&')}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function badPattern(p: string): AgentError {
  return new AgentError(
    'INVALID_ARGUMENT',
    `invalid reference filter "${p.slice(0, 64)}": syntax error in pattern`,
  );
}

/**
 * Pure: Docker's `FamiliarMatch`: the pattern against the familiar reference (`busybox:latest`),
 * then against the familiar name alone (`busybox`).
 */
export function referenceMatches(pattern: RegExp, stored: string): boolean {
  let ref;
  try {
    ref = parseReference(stored);
  } catch {
    return false;
  }
  return (
    pattern.test(familiarName(ref)) ||
    pattern.test(familiarName({ ...ref, tag: undefined, digest: undefined }))
  );
}

/** What the list filters need to know of an image besides its record. */
export interface ImageFilterFacts {
  labels: Readonly<Record<string, string>>;
  /** Creation times of the images `before=` / `since=` name (ms). */
  before?: number;
  since?: number;
}

/**
 * Pure: `GET /images/json` filters. Returns the names to list (with `reference=`, only the
 * matching ones, as Docker) or null when the image is filtered out.
 */
export function filterImage(
  r: ImageRecord,
  f: Filters,
  facts: ImageFilterFacts,
): { repoTags: string[]; repoDigests: string[] } | null {
  const patterns = (f.get('reference') ?? []).map(globToRegExp);
  const keep = (n: string) => patterns.length === 0 || patterns.some((p) => referenceMatches(p, n));
  const repoTags = r.repoTags.filter(keep);
  const repoDigests = r.repoDigests.filter(keep);
  const dangling = boolFilter(f, 'dangling');
  const created = r.created ? Date.parse(r.created) : 0;
  if (patterns.length && repoTags.length === 0 && repoDigests.length === 0) return null;
  if (dangling === true && repoTags.length > 0) return null;
  if (dangling === false && repoTags.length === 0 && repoDigests.length === 0) return null;
  if (!labelsMatch(f, facts.labels)) return null;
  if (facts.before !== undefined && !(created < facts.before)) return null;
  if (facts.since !== undefined && !(created > facts.since)) return null;
  return { repoTags, repoDigests };
}
