import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * This web's release, from apps/web/package.json (`../../package.json` from both src/server and
 * dist/server), told to agents on connect.
 */
function readVersion(): string {
  try {
    const url = new URL('../../package.json', import.meta.url);
    return z.object({ version: z.string() }).parse(JSON.parse(readFileSync(url, 'utf8'))).version;
  } catch {
    return 'unknown';
  }
}

export const WEB_VERSION = readVersion();
