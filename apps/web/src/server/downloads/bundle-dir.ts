import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The agent bundle the web hands out (built by `npm run build` into apps/agent/dist/bundle):
 * `latest.json` names the tarball and its sha256; `install.sh` is the installer template.
 */
const LatestSchema = z.object({
  version: z.string(),
  arch: z.string().regex(/^[a-z0-9]+$/),
  file: z.string().regex(/^berth-agent-[0-9A-Za-z.+-]+-linux-[a-z0-9]+\.tar\.gz$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AgentBundle = z.infer<typeof LatestSchema>;

/** What is in the bundle dir now, or null when no bundle was built (then hosts join with npx). */
export function readBundle(dir: string): AgentBundle | null {
  try {
    const latest = LatestSchema.parse(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')));
    return statSync(join(dir, latest.file)).isFile() ? latest : null;
  } catch {
    return null;
  }
}

/** Pure: the download path a request names → the file in the bundle dir, or null (404). */
export function resolveDownload(
  path: string,
  bundle: AgentBundle | null,
): { file: string; type: string } | null {
  if (path === '/install.sh')
    return { file: 'install.sh', type: 'text/x-shellscript; charset=utf-8' };
  if (!bundle) return null;
  const name = path.startsWith('/downloads/') ? path.slice('/downloads/'.length) : null;
  if (name === null) return null;
  // The stable alias the installer asks for, and the versioned file itself.
  const alias = `berth-agent-linux-${bundle.arch}.tar.gz`;
  if (name === alias || name === bundle.file)
    return { file: bundle.file, type: 'application/gzip' };
  if (name === `${alias}.sha256` || name === `${bundle.file}.sha256`)
    return { file: `${bundle.file}.sha256`, type: 'text/plain; charset=utf-8' };
  if (name === 'latest.json') return { file: 'latest.json', type: 'application/json' };
  return null;
}
