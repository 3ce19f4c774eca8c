import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadFile } from '@berth/compose';
import { AgentError } from '../errors.js';

/**
 * A stack the web sent: its compose file and `.env` as text. They are kept under
 * `<data-root>/stacks/<project>/` (the project directory, so `berth compose -p <project>` sees the
 * same project), and the loader may read those two and nothing else of the host: an `env_file:
 * /etc/shadow` from the web must not reach the host's files. Binds are the host policy's business.
 */
export interface WebStackSource {
  project: string;
  dir: string;
  file: string;
  readFile: ReadFile;
  /** Keeps the files that now run (after a successful deploy). */
  save(): Promise<void>;
}

export const stacksDir = (dataRoot: string) => join(dataRoot, 'stacks');

export function webStackSource(
  dataRoot: string,
  src: { project: string; compose: string; env?: string | undefined },
): WebStackSource {
  const dir = join(stacksDir(dataRoot), src.project);
  const file = join(dir, 'compose.yaml');
  const envPath = join(dir, '.env');
  const env = src.env ?? '';
  const readFile: ReadFile = (path) => {
    if (path === file) return Promise.resolve(src.compose);
    if (path === envPath) return Promise.resolve(env === '' ? null : env);
    return Promise.reject(
      new AgentError(
        'INVALID_ARGUMENT',
        `${path}: a stack from the web reads only its compose file and its .env (put env_file values in .env or environment)`,
      ),
    );
  };
  return {
    project: src.project,
    dir,
    file,
    readFile,
    async save() {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeAtomic(file, src.compose);
      if (env === '') await rm(envPath, { force: true });
      else await writeAtomic(envPath, env);
    },
  };
}

/** Removes what `save` kept (after `down` from the web). */
export async function forgetWebStack(dataRoot: string, project: string): Promise<void> {
  await rm(join(stacksDir(dataRoot), project), { recursive: true, force: true });
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  // .env files often carry secrets: readable by root only
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
}
