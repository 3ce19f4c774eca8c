import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getServerContext } from '../context.js';
import { SESSION_COOKIE } from '../auth/cookie.js';
import type { Principal } from '../auth/principal.js';

/** The signed-in user for a server component (layouts and pages), or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const jar = await cookies();
  return getServerContext().auth.authenticate(jar.get(SESSION_COOKIE)?.value ?? null);
}

/**
 * The signed-in user of a page: signed-out visitors go to /login, and a user who must still
 * change their password goes to /account (the only page that works until then; the API
 * refuses everything else with PASSWORD_CHANGE_REQUIRED).
 */
export async function pagePrincipal(
  opts: { passwordChangePage?: boolean } = {},
): Promise<Principal> {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  if (p.mustChangePassword && !opts.passwordChangePage) redirect('/account');
  return p;
}
