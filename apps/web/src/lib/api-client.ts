/** The browser's fetch wrapper: JSON in and out, `{code, message}` errors as ApiError. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Machine-readable context the server sent (e.g. `missingImage`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function api<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    throw new ApiError(
      res.status,
      typeof err.code === 'string' ? err.code : 'INTERNAL',
      typeof err.message === 'string' ? err.message : `HTTP ${res.status}`,
      err.details && typeof err.details === 'object'
        ? (err.details as Record<string, unknown>)
        : {},
    );
  }
  return data as T;
}
