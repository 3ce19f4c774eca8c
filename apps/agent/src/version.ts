import { readFileSync } from 'node:fs';
import * as z from 'zod';

/** The agent's and CLI's version, read once from this workspace's package.json. */
function readVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  const pkg = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(url, 'utf8')));
  return pkg.version;
}

export const AGENT_VERSION = readVersion();
/** Version of the local REST API served on the unix socket (paths are prefixed `/v<n>`). */
export const API_VERSION = '1';
