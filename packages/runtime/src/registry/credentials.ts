import { readFile, rm } from 'node:fs/promises';
import * as z from 'zod';
import { writeFileAtomic } from '../content/atomic-file.js';
import { invalidArgument } from '../errors.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

const fileSchema = z.object({
  auths: z.record(z.string(), z.object({ auth: z.string() })).default({}),
});

/** Normalizes a registry host for credential lookup (`index.docker.io` and `registry-1…` are docker.io). */
export function credentialKey(host: string): string {
  const h = host
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  return h === 'index.docker.io' || h === 'registry-1.docker.io' ? 'docker.io' : h;
}

/**
 * Registry credentials in `<data-root>/auth.json` (docker's config.json `auths` shape, 0600).
 */
export class CredentialStore {
  constructor(readonly path: string) {}

  private async readAll(): Promise<z.infer<typeof fileSchema>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { auths: {} };
      throw err;
    }
    const r = fileSchema.safeParse(JSON.parse(text));
    if (!r.success) throw invalidArgument(`credentials file ${this.path} is malformed`);
    return r.data;
  }

  async get(host: string): Promise<Credentials | undefined> {
    const entry = (await this.readAll()).auths[credentialKey(host)];
    if (!entry) return undefined;
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }

  async set(host: string, creds: Credentials): Promise<void> {
    if (!creds.username || creds.username.includes(':'))
      throw invalidArgument('username must be non-empty and contain no ":"');
    const all = await this.readAll();
    all.auths[credentialKey(host)] = {
      auth: Buffer.from(`${creds.username}:${creds.password}`).toString('base64'),
    };
    await writeFileAtomic(this.path, JSON.stringify(all, null, 2), 0o600);
  }

  /** Returns false when there was nothing stored for the host. */
  async remove(host: string): Promise<boolean> {
    const all = await this.readAll();
    const key = credentialKey(host);
    if (!all.auths[key]) return false;
    delete all.auths[key];
    if (Object.keys(all.auths).length === 0) await rm(this.path, { force: true });
    else await writeFileAtomic(this.path, JSON.stringify(all, null, 2), 0o600);
    return true;
  }
}
