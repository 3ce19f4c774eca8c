import { RuntimeError, type RuntimeErrorCode } from '../errors.js';

/** Maps a registry's HTTP answer to a RuntimeError with the registry's own message when it sent one. */
export async function registryError(res: Response, what: string): Promise<RuntimeError> {
  let detail = '';
  try {
    const body = (await res.json()) as { errors?: Array<{ code?: string; message?: string }> };
    const e = body.errors?.[0];
    if (e) detail = `: ${e.code ?? ''} ${e.message ?? ''}`.trimEnd();
  } catch {
    // body not JSON
  }
  const code: RuntimeErrorCode =
    res.status === 401
      ? 'UNAUTHENTICATED'
      : res.status === 403
        ? 'PERMISSION_DENIED'
        : res.status === 404
          ? 'NOT_FOUND'
          : res.status === 429
            ? 'RESOURCE_EXHAUSTED'
            : res.status >= 500
              ? 'UNAVAILABLE'
              : 'INVALID_ARGUMENT';
  return new RuntimeError(code, `${what}: registry answered ${res.status}${detail}`, {
    details: { status: res.status },
  });
}
