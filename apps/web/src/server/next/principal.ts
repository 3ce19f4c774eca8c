import 'server-only';
import { cookies } from 'next/headers';
import { getServerContext } from '../context.js';
import { SESSION_COOKIE } from '../auth/cookie.js';
import type { Principal } from '../services/principal.js';

/** The signed-in user for a server component (layouts and pages), or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const jar = await cookies();
  return getServerContext().auth.authenticate(jar.get(SESSION_COOKIE)?.value ?? null);
}
