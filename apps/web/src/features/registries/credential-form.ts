import { StoreRegistryCredentialBody } from '../../lib/image-api-schemas.js';
import { issueInWords } from '../../lib/form-words.js';

/** What the registry credentials form edits, as typed. */
export interface CredentialFormValues {
  registry: string;
  username: string;
  password: string;
}

export type CredentialFormErrors = Partial<Record<keyof CredentialFormValues, string>>;

const labels: Record<keyof CredentialFormValues, string> = {
  registry: 'Registry host',
  username: 'Username',
  password: 'Password',
};

/**
 * Pure: the form's values as the request body, or one message per field in people's words.
 * `docker.io` stands for Docker Hub; a scheme or trailing slash is forgiven.
 */
export function toStoreRequest(
  v: CredentialFormValues,
): { ok: true; body: CredentialFormValues } | { ok: false; errors: CredentialFormErrors } {
  const registry = v.registry
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
  const errors: CredentialFormErrors = {};
  if (registry.includes('/'))
    errors.registry = 'Registry host is a host name with an optional port, without a path.';
  const parsed = StoreRegistryCredentialBody.safeParse({
    registry,
    username: v.username.trim(),
    password: v.password,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as keyof CredentialFormValues;
      if (field in labels) errors[field] ??= issueInWords(labels[field], issue);
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}
