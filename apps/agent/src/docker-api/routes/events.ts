import type { DockerRouteDeps } from '../deps.js';
import type { DockerRouter } from '../http/router.js';
import { EVENT_FILTERS, eventMatches } from '../translate/events.js';
import { parseFilters, parseTimeFilter } from '../translate/filters.js';
import type { DockerEvent } from '../types/events.js';

/** `GET /events`: recent events (`since`) then live ones until `until` or the client leaves. */
export function registerEventRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  router.add({
    method: 'GET',
    path: '/events',
    handler: ({ query, res }) => {
      const filters = parseFilters(query.string('filters'), EVENT_FILTERS);
      const now = new Date();
      const sinceRaw = query.string('since');
      const untilRaw = query.string('until');
      const since = sinceRaw ? parseTimeFilter(sinceRaw, now) : null;
      const until = untilRaw ? parseTimeFilter(untilRaw, now) : null;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      const write = (e: DockerEvent) => {
        if (eventMatches(e, filters)) res.write(JSON.stringify(e) + '\n');
      };
      const before = (e: DockerEvent) => !until || e.timeNano <= until.getTime() * 1e6;
      if (since) for (const e of deps.events.since(since)) if (before(e)) write(e);
      if (until && until.getTime() <= now.getTime()) {
        res.end();
        return;
      }
      const off = deps.events.subscribe((e) => {
        if (before(e)) write(e);
      });
      const timer = until ? setTimeout(() => res.end(), until.getTime() - now.getTime()) : null;
      res.once('close', () => {
        off();
        if (timer) clearTimeout(timer);
      });
    },
  });
}
