import type { LogLine } from '@berth/protocol';
import type { StackLogEntryDto } from '../../lib/dto/stack.js';

export interface ContainerLogs {
  service: string;
  container: string;
  entries: readonly LogLine[];
}

/**
 * Pure: the logs of a stack's containers as one stream in time order (ties keep each
 * container's own order), the newest `limit` entries. Times are the agent's RFC 3339 stamps with
 * nanoseconds, all from one host in one format: they sort as text.
 */
export function mergeStackLogs(logs: readonly ContainerLogs[], limit: number): StackLogEntryDto[] {
  const all: (StackLogEntryDto & { order: number })[] = [];
  for (const l of logs)
    l.entries.forEach((e, i) =>
      all.push({
        time: e.time,
        service: l.service,
        container: l.container,
        stream: e.stream,
        text: e.text,
        order: i,
      }),
    );
  all.sort((a, b) =>
    a.time < b.time
      ? -1
      : a.time > b.time
        ? 1
        : a.container < b.container
          ? -1
          : a.container > b.container
            ? 1
            : a.order - b.order,
  );
  return all.slice(Math.max(0, all.length - limit)).map(({ order: _o, ...e }) => e);
}
