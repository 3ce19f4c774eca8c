import { invalid } from './errors.js';

/**
 * Pure: service names in `depends_on` order (dependencies first; ties by name, so the order is
 * stable). A cycle is an error that names it: `a -> b -> a`.
 */
export function dependencyOrder(
  services: Readonly<Record<string, { dependsOn: Readonly<Record<string, unknown>> }>>,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name];
      throw invalid(`dependency cycle between services: ${cycle.join(' -> ')}`);
    }
    state.set(name, 'visiting');
    for (const dep of Object.keys(services[name]?.dependsOn ?? {}).sort())
      if (services[dep]) visit(dep, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(services).sort()) visit(name, []);
  return order;
}

/** Pure: services that depend (directly or not) on `name` — stopped before it, started after. */
export function dependents(
  services: Readonly<Record<string, { dependsOn: Readonly<Record<string, unknown>> }>>,
  name: string,
): string[] {
  const out = new Set<string>();
  const walk = (n: string) => {
    for (const [other, svc] of Object.entries(services))
      if (n in svc.dependsOn && !out.has(other)) {
        out.add(other);
        walk(other);
      }
  };
  walk(name);
  return [...out].sort();
}
