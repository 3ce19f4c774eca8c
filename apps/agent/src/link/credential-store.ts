import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AgentCredentialFileSchema } from '@berth/protocol';
import type { AgentCredentialFile } from '@berth/protocol';
import { AgentError, errorMessage } from '../errors.js';

/** `<data-root>/agent/credential.json`: the host credential, 0600 in a 0700 directory. */
export function credentialPath(dataRoot: string): string {
  return join(dataRoot, 'agent', 'credential.json');
}

/** The stored credential, or null when there is none. A malformed or exposed file is an error. */
export async function loadCredential(path: string): Promise<AgentCredentialFile | null> {
  let text: string;
  try {
    const st = await stat(path);
    if ((st.mode & 0o077) !== 0) {
      throw new AgentError(
        'FAILED_PRECONDITION',
        `${path} is accessible by group/others (mode ${(st.mode & 0o777).toString(8)}); chmod 600 it or re-enroll`,
      );
    }
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof AgentError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AgentError('UNAVAILABLE', `cannot read ${path}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = AgentCredentialFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new AgentError(
      'FAILED_PRECONDITION',
      `${path} is not a valid credential file; remove it and enroll again`,
    );
  }
  return parsed.data;
}

/** Write atomically (temp file 0600, fsync, rename) so a crash never leaves half a credential. */
export async function saveCredential(path: string, cred: AgentCredentialFile): Promise<void> {
  const parsed = AgentCredentialFileSchema.safeParse(cred);
  if (!parsed.success) throw new AgentError('INTERNAL', 'refusing to store a malformed credential');
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(JSON.stringify(parsed.data, null, 2) + '\n');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new AgentError(
      'UNAVAILABLE',
      `cannot store the credential in ${path}: ${errorMessage(err)}`,
      { cause: err },
    );
  }
}
