import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricFamily } from './fleet-families.js';

/** The web process's own metrics (CPU, memory, event loop lag…), collected once per process. */
let processRegistry: Registry | null = null;
function webProcessRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'berth_web_' });
  }
  return processRegistry;
}

/**
 * The Prometheus text exposition of `families` (a fresh registry per scrape: what a scrape
 * shows depends on the token's hosts) plus the web process's own metrics.
 */
export async function renderMetrics(
  families: MetricFamily[],
  opts: { withProcess: boolean },
): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  for (const f of families) {
    const config = {
      name: f.name,
      help: f.help,
      labelNames: [...f.labelNames],
      registers: [registry],
    };
    if (f.type === 'counter') {
      const c = new Counter(config);
      for (const s of f.samples) c.inc(s.labels, s.value);
    } else {
      const g = new Gauge(config);
      for (const s of f.samples) g.set(s.labels, s.value);
    }
  }
  const merged = opts.withProcess ? Registry.merge([registry, webProcessRegistry()]) : registry;
  return { contentType: merged.contentType, body: await merged.metrics() };
}
