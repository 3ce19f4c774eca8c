import { ApiError } from '../../lib/api-client.js';

/** Pure: the message the login form shows for an error. */
export function loginErrorMessage(err: unknown): string | null {
  if (!err) return null;
  if (err instanceof ApiError) {
    if (err.code === 'UNAUTHENTICATED') return 'Invalid username or password.';
    if (err.code === 'RESOURCE_EXHAUSTED') return `Too many failed attempts. ${err.message}`;
    if (err.code === 'PERMISSION_DENIED') return 'This page’s origin is not allowed to sign in.';
    return err.message;
  }
  return 'Cannot reach the server.';
}
