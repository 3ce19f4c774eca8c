/**
 * Promise.all that lets every promise settle before it rejects, with the first failure in the
 * given order: nothing is still running when the caller rolls back (a container's directory
 * removed, a pull's snapshots released), and the error is the earliest one's (a later layer may
 * only say "parent failed").
 */
export async function allSettledOrThrow<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
