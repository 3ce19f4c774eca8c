/** The one error type of the benchmark harness: something to set up or run failed. */
export class BenchError extends Error {
  override readonly name = 'BenchError';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
