import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses a Prometheus text exposition with an independent parser (npm
 * parse-prometheus-text-format): metric name → type and samples. Throws on text it cannot read.
 */
export function parseMetrics(text: string): Map<string, { type: string; samples: Sample[] }> {
  const out = new Map<string, { type: string; samples: Sample[] }>();
  for (const f of parsePrometheusTextFormat(text)) {
    out.set(f.name, {
      type: f.type,
      samples: f.metrics.map((m) => ({ labels: m.labels ?? {}, value: Number(m.value) })),
    });
  }
  return out;
}
