import { median } from '../lib/stats.js';

/** `docker-api: POST /v1.41/containers/create?name= 201 123.4 ms` (the agent's debug log). */
const LINE =
  /docker-api: POST \S*\/containers\/(create|[0-9a-f]{12,64}\/start)\S* (\d{3}) ([\d.]+) ms/;

/**
 * Per agent (`berth`, `berth-baseline`): how long each `POST /containers/create` and
 * `/containers/{id}/start` took inside the agent, from its debug log — the engine's share of a
 * `docker run -d`, without the client's start-up and round trips (warm-up rounds included).
 */
export class AgentRequestTimes {
  private times = new Map<string, { create: number[]; start: number[] }>();

  add(agent: string, line: string): void {
    const m = LINE.exec(line);
    if (!m || !m[2]!.startsWith('2')) return;
    const t = this.times.get(agent) ?? { create: [], start: [] };
    (m[1] === 'create' ? t.create : t.start).push(Number(m[3]));
    this.times.set(agent, t);
  }

  reset(): void {
    this.times = new Map();
  }

  samples(): Record<string, { create: number[]; start: number[] }> {
    return Object.fromEntries(this.times);
  }

  /** Pure: one line per agent, medians and ranges. */
  summary(): string {
    const fmt = (xs: number[]) =>
      xs.length === 0
        ? '—'
        : `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
    return [...this.times]
      .map(([a, t]) => `  inside ${a}: create ${fmt(t.create)}, start ${fmt(t.start)}`)
      .join('\n');
  }
}
