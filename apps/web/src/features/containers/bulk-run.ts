import { errorParts } from '../../lib/error-words.js';

/** One item of a bulk action that failed: which, where, and why (the server's words). */
export interface BulkFailure {
  id: string;
  name: string;
  hostName: string;
  message: string;
}

export interface BulkReport {
  action: string;
  total: number;
  failures: BulkFailure[];
}

/**
 * Pure orchestration: runs `work` for every item, at most `limit` at a time, and reports every
 * failure (never stops at the first). Items and their order are the caller's.
 */
export async function runAll<T extends { id: string; name: string; hostName: string }>(
  action: string,
  items: readonly T[],
  work: (item: T) => Promise<unknown>,
  limit = 4,
): Promise<BulkReport> {
  const failures: (BulkFailure | null)[] = items.map(() => null);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const i = nextIndex++;
      const item = items[i]!;
      try {
        await work(item);
      } catch (err) {
        failures[i] = {
          id: item.id,
          name: item.name,
          hostName: item.hostName,
          message: errorParts(err).message,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return {
    action,
    total: items.length,
    failures: failures.filter((f): f is BulkFailure => f !== null),
  };
}

/** Pure: the report's headline, e.g. "Stop: 2 of 3 done, 1 failed". */
export function bulkHeadline(r: BulkReport): string {
  const verb = r.action[0]!.toUpperCase() + r.action.slice(1);
  const done = r.total - r.failures.length;
  if (r.failures.length === 0) return `${verb}: all ${r.total} done`;
  return `${verb}: ${done} of ${r.total} done, ${r.failures.length} failed`;
}
