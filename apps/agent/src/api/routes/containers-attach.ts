import type { Duplex } from 'node:stream';
import { AttachRequestSchema, type AttachRequest } from '@berth/protocol';
import type { AttachSession } from '@berth/runtime';
import * as z from 'zod';
import { AgentError } from '../../errors.js';
import type { Router } from '../router.js';
import type { ContainerRouteDeps } from './containers.js';
import { readUpgradeBody } from './containers-exec.js';

const sizeParam = z
  .string()
  .regex(/^\d{1,4}$/, 'expected a number')
  .transform(Number);

function parseAttachBody(raw: Buffer): AttachRequest {
  let json: unknown;
  try {
    json = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AgentError('INVALID_ARGUMENT', 'request body is not valid JSON');
  }
  const r = AttachRequestSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AgentError('INVALID_ARGUMENT', `invalid body: ${issues.join('; ')}`);
  }
  return r.data;
}

/** Copies bytes both ways until either side ends; the container keeps running on a detach. */
function splice(session: AttachSession, socket: Duplex): void {
  session.onData((d) => socket.write(d));
  socket.on('data', (d: Buffer) => session.write(d));
  socket.once('close', () => session.close());
  session.onClose(() => socket.end());
  socket.resume();
}

/**
 * Attach to a container's main process (conmon's attach socket): `POST /v1/containers/:ref/attach`
 * with `Connection: Upgrade, Upgrade: tcp` and an optional `{cols, rows}` body. A created
 * container is attached from its next start (call start after the `101`, and nothing is lost);
 * the connection closes when the container exits. `POST /v1/containers/:ref/resize?h=&w=`
 * resizes a running container's terminal.
 */
export function registerContainerAttachRoutes(router: Router, deps: ContainerRouteDeps): void {
  const c = deps.containers;
  router.addUpgrade({
    method: 'POST',
    path: '/v1/containers/:ref/attach',
    handler: async ({ params, req, socket, head }) => {
      const length = Number(req.headers['content-length'] ?? 0);
      const body = parseAttachBody(await readUpgradeBody(socket, head, length));
      const size =
        body.cols !== undefined && body.rows !== undefined
          ? { cols: body.cols, rows: body.rows }
          : undefined;
      const session = await c.attach(params.ref!, size);
      if (socket.destroyed) {
        session.close();
        return;
      }
      socket.write(
        'HTTP/1.1 101 UPGRADED\r\nconnection: Upgrade\r\nupgrade: tcp\r\n' +
          `x-berth-container-id: ${session.containerId}\r\n\r\n`,
      );
      splice(session, socket);
    },
  });
  router.add({
    method: 'POST',
    path: '/v1/containers/:ref/resize',
    query: z.object({ h: sizeParam, w: sizeParam }),
    handler: ({ params, query }) => {
      const id = c.resolveId(params.ref!);
      c.resize(id, { cols: query.w, rows: query.h });
      return { id, rows: query.h, cols: query.w };
    },
  });
}
