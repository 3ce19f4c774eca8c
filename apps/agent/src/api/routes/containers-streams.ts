import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { toWireError } from '../../errors.js';
import { NdjsonWriter } from '../ndjson.js';
import type { Router } from '../router.js';
import type { ContainerRouteDeps } from './containers.js';
import { boolParam, sinceParam, tailParam } from './containers-query.js';

/** Aborts when the client goes away. */
function clientGone(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.once('close', () => ac.abort());
  req.once('aborted', () => ac.abort());
  return ac.signal;
}

const STATS_INTERVAL_MS = 1000;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Streams as NDJSON: logs (one `LogLine` per line), stats (`ContainerStats`), events. */
export function registerContainerStreamRoutes(router: Router, deps: ContainerRouteDeps): void {
  const c = deps.containers;
  router.add({
    method: 'GET',
    path: '/v1/containers/:ref/logs',
    query: z.object({
      follow: boolParam,
      tail: tailParam,
      since: sinceParam,
      timestamps: boolParam,
      stdout: boolParam,
      stderr: boolParam,
    }),
    handler: async ({ params, query, req, res }) => {
      c.inspect(params.ref!); // unknown container → a plain 404 before the stream starts
      const signal = clientGone(req, res);
      const lines = c.logs(params.ref!, {
        follow: query.follow ?? false,
        tail: query.tail,
        since: query.since,
        stdout: query.stdout ?? true,
        stderr: query.stderr ?? true,
        signal,
      });
      const out = new NdjsonWriter(res);
      // headers first, so a follow on a quiet container is visibly open
      if (!res.headersSent)
        res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      try {
        for await (const line of lines) {
          if (signal.aborted) break;
          out.line(line);
        }
        if (!res.writableEnded) res.end();
      } catch (err) {
        out.fail(toWireError(err));
      }
    },
  });
  router.add({
    method: 'GET',
    path: '/v1/containers/:ref/stats',
    query: z.object({ stream: boolParam }),
    handler: async ({ params, query, req, res }) => {
      const stream = query.stream ?? true;
      if (!stream) {
        // two samples, so CPU percentages are known
        await c.stats(params.ref!);
        await new Promise((r) => setTimeout(r, 200));
        return c.stats(params.ref!);
      }
      const signal = clientGone(req, res);
      const out = new NdjsonWriter(res);
      while (!signal.aborted) {
        try {
          out.line(await c.stats(params.ref!));
        } catch (err) {
          if (!out.started) throw err;
          out.fail(toWireError(err));
          return undefined;
        }
        await sleep(STATS_INTERVAL_MS, signal);
      }
      return undefined;
    },
  });
  router.add({
    method: 'GET',
    path: '/v1/events',
    handler: ({ req, res }) => {
      const signal = clientGone(req, res);
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      res.flushHeaders();
      const out = new NdjsonWriter(res);
      const off = c.events.subscribe((e) => out.line(e));
      signal.addEventListener('abort', off, { once: true });
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    },
  });
  router.add({
    method: 'GET',
    path: '/v1/containers/:ref/top',
    handler: ({ params }) => c.top(params.ref!),
  });
}
