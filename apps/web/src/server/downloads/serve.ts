import { createReadStream, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readBundle, resolveDownload } from './bundle-dir.js';

/** The placeholder install.sh carries for the web's own URL. */
const URL_PLACEHOLDER = '__BERTH_URL__';

/**
 * Serves `/install.sh` and `/downloads/…` (the agent bundle and its sha256) before Next sees the
 * request. Public on purpose, like any installer download: the bundle holds no secret, and the
 * install line carries the sha256 it must match (and the web's key pin over https).
 * Returns false when the request is not for a download.
 */
export function serveDownload(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { dir: string; publicUrl: string },
): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (path !== '/install.sh' && !path.startsWith('/downloads/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return true;
  }
  const found = resolveDownload(path, readBundle(opts.dir));
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('no such download (was the agent bundle built? npm run build)\n');
    return true;
  }
  const file = join(opts.dir, found.file);
  try {
    if (found.file === 'install.sh') {
      const text = readFileSync(file, 'utf8').replaceAll(URL_PLACEHOLDER, opts.publicUrl);
      res.writeHead(200, { 'Content-Type': found.type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
      return true;
    }
    const stream = createReadStream(file);
    stream.once('open', () => {
      res.writeHead(200, { 'Content-Type': found.type, 'Cache-Control': 'no-store' });
      if (req.method === 'HEAD') {
        stream.destroy();
        res.end();
      } else stream.pipe(res);
    });
    stream.once('error', () => {
      if (!res.headersSent) res.writeHead(404).end('not found\n');
      else res.destroy();
    });
  } catch {
    res.writeHead(404).end('not found\n');
  }
  return true;
}
