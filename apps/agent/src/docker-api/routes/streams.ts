import { AgentError } from '../../errors.js';
import type { DockerRouteDeps } from '../deps.js';
import { DEFAULT_DETACH_KEYS, DetachKeyScanner, parseDetachKeys } from '../http/detach-keys.js';
import { encodeFrames } from '../http/frames.js';
import { Reply } from '../http/reply.js';
import type { DockerRouter } from '../http/router.js';
import { encodeLogLine, parseLogsQuery } from '../translate/logs.js';
import { optionsOf } from '../translate/options.js';
import { findContainer, isLive } from './lookup.js';
import { sizeQuery } from './size-query.js';

const RAW = 'application/vnd.docker.raw-stream';
const MULTIPLEXED = 'application/vnd.docker.multiplexed-stream';

/** `GET /containers/{id}/logs`, `POST /containers/{id}/attach`, `POST /containers/{id}/resize`. */
export function registerStreamRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const c = deps.containers;

  router.add({
    method: 'GET',
    path: '/containers/{name:.*}/logs',
    handler: async ({ params, query, res }) => {
      const rec = findContainer(c, params.name!);
      const q = parseLogsQuery(query);
      const tty = optionsOf(rec).bool('tty');
      const abort = new AbortController();
      res.once('close', () => abort.abort());
      const lines = c.logs(rec.id, {
        follow: q.follow,
        tail: q.tail,
        since: q.since,
        stdout: q.stdout,
        stderr: q.stderr,
        signal: abort.signal,
      });
      res.writeHead(200, { 'Content-Type': RAW });
      res.flushHeaders();
      try {
        for await (const line of lines) {
          if (q.until && Date.parse(line.time) > q.until.getTime()) break;
          if (!res.write(encodeLogLine(line, { timestamps: q.timestamps, tty })))
            await new Promise((r) => res.once('drain', r));
        }
      } catch (err) {
        if (!abort.signal.aborted) deps.log.debug(`logs of ${rec.id.slice(0, 12)}: ${String(err)}`);
      }
      res.end();
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/resize',
    handler: ({ params, query }) => {
      const rec = findContainer(c, params.name!);
      const size = sizeQuery(query);
      if (!isLive(rec))
        throw new AgentError('FAILED_PRECONDITION', `Container ${rec.id} is not running`);
      if (size && optionsOf(rec).bool('tty')) c.resize(rec.id, size);
      return new Reply(200);
    },
  });

  router.addHijack({
    method: 'POST',
    path: '/containers/{name:.*}/attach',
    handler: async ({ params, query, conn }) => {
      const rec = findContainer(c, params.name!);
      if (rec.state === 'exited' && query.bool('stream'))
        throw new AgentError(
          'FAILED_PRECONDITION',
          'You cannot attach to a stopped container, start it first',
        );
      const o = optionsOf(rec);
      const tty = o.bool('tty');
      const keys = parseDetachKeys(query.string('detachKeys') || DEFAULT_DETACH_KEYS);
      const want = { stdout: query.bool('stdout'), stderr: query.bool('stderr') };
      const write = (data: Buffer, stream: 'stdout' | 'stderr') => {
        if (!want[stream] || conn.closed) return;
        conn.output.write(tty ? data : encodeFrames(stream, data));
      };
      const session = query.bool('stream') ? await c.attach(rec.id) : null;
      conn.begin(tty ? RAW : MULTIPLEXED);
      if (query.bool('logs')) {
        for await (const line of c.logs(rec.id, { stdout: want.stdout, stderr: want.stderr }))
          conn.output.write(encodeLogLine(line, { timestamps: false, tty }));
      }
      if (!session) return conn.end();
      session.onData(write);
      session.onClose(() => conn.end());
      conn.onClose(() => session.close());
      if (query.bool('stdin') && conn.input && o.bool('openStdin')) {
        const scanner = new DetachKeyScanner(keys);
        conn.input.on('data', (d: Buffer) => {
          const r = scanner.push(d);
          if (r.forward.length) session.write(r.forward);
          if (r.detach) {
            session.close();
            conn.end();
          }
        });
        conn.input.once('end', () => session.closeInput());
        conn.input.resume();
      } else conn.input?.resume();
    },
  });
}
