import { RuntimeError } from '../errors.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;

export const sameOrigin = (a: string | URL, b: string | URL) =>
  new URL(a).origin === new URL(b).origin;

/**
 * `fetch` with redirects followed here rather than by the fetch implementation, so the rule does
 * not depend on it: the Authorization header goes only to the origin it was meant for, and is
 * dropped for good at the first hop to another origin (a blob redirected to a CDN, a registry
 * sending us elsewhere). A redirect of a request with a body is refused: the body cannot be sent
 * twice. 303, and 301/302 after a POST, continue as GET.
 */
export async function fetchWithRedirects(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit & { headers: Record<string, string> },
): Promise<Response> {
  const origin = new URL(url).origin;
  let current = url;
  let method = init.method ?? 'GET';
  const headers = { ...init.headers };
  for (let hop = 0; ; hop++) {
    const res = await fetchImpl(current, { ...init, method, headers, redirect: 'manual' });
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location) return res;
    await res.body?.cancel();
    if (hop >= MAX_REDIRECTS)
      throw new RuntimeError('UNAVAILABLE', `${new URL(url).host}: too many redirects`);
    if (init.body !== undefined && init.body !== null)
      throw new RuntimeError('UNAVAILABLE', `${new URL(url).host} redirected an upload`);
    current = new URL(location, current).toString();
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST'))
      method = 'GET';
    if (new URL(current).origin !== origin) delete headers.authorization;
  }
}
