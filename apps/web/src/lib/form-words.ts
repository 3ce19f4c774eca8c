/** A zod issue, as much of it as the words need. */
export interface IssueLike {
  code: string;
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** zod's own wording ("Too small: expected string to have >=1 characters"), not a schema's. */
const zodDefault = /^(Too (small|big)|Invalid|Expected|Unrecognized)/;

/**
 * Pure: a validation issue in people's words for a field called `label`: "Image is required",
 * "Name is too long (at most 128 characters)". A message a schema wrote itself is kept.
 */
export function issueInWords(label: string, issue: IssueLike): string {
  if (issue.code === 'too_small' && Number(issue.minimum ?? 1) <= 1) return `${label} is required.`;
  if (issue.code === 'too_big' && issue.maximum !== undefined)
    return `${label} is too long (at most ${String(issue.maximum)} characters).`;
  if (!zodDefault.test(issue.message)) {
    const m = issue.message;
    return `${m[0]!.toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`;
  }
  return `${label} is not valid.`;
}
