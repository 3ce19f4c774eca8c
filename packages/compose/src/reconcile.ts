import { LABEL } from './labels.js';
import type { StackPlan } from './plan-types.js';

/** A container that exists now, as the engine reports it. */
export interface ExistingContainer {
  id: string;
  name: string;
  /** `created`, `running`, `paused`, `exited`, … */
  state: string;
  labels: Readonly<Record<string, string>>;
  /** The image ID it was created from, when known. */
  imageId?: string | undefined;
}

export interface ReconcileOptions {
  /** `--remove-orphans`: remove containers of services no longer in the file. */
  removeOrphans?: boolean;
  /** `--force-recreate`. */
  forceRecreate?: boolean;
  /** `--no-recreate`: keep changed containers as they are. */
  noRecreate?: boolean;
  /** Service → the image ID its image resolves to now; a container made from another is recreated. */
  imageIds?: Readonly<Record<string, string>>;
}

type Ref = { id: string; name: string };

export type Action =
  | { kind: 'create'; service: string; number: number; name: string }
  | { kind: 'recreate'; service: string; number: number; name: string; replaces: Ref; why: string }
  | { kind: 'start'; service: string; number: number; container: Ref }
  | { kind: 'keep'; service: string; number: number; container: Ref }
  | { kind: 'remove'; service: string; container: Ref; why: 'scale' | 'orphan' | 'duplicate' };

export interface Reconciliation {
  /** In the order to carry out: orphans first, then each service in depends_on order. */
  actions: Action[];
  /** Containers of services no longer in the file, left alone without `removeOrphans`. */
  orphans: Ref[];
}

/**
 * Pure: what `up` must do to bring the project's containers (found by their Compose labels)
 * to the plan. A container whose config hash (or image) differs is recreated; an up-to-date one
 * is kept, or started when stopped; numbers above the replica count are removed; containers of
 * services no longer in the file are orphans.
 */
export function reconcile(
  plan: StackPlan,
  existing: readonly ExistingContainer[],
  o: ReconcileOptions = {},
): Reconciliation {
  const mine = existing.filter(
    (c) => c.labels[LABEL.project] === plan.project && c.labels[LABEL.oneoff] !== 'True',
  );
  const planned = new Set(plan.services.map((s) => s.name));
  const orphans = mine.filter((c) => !planned.has(c.labels[LABEL.service] ?? '')).map(ref);
  const actions: Action[] = o.removeOrphans
    ? orphans.map((c) => ({
        kind: 'remove',
        service: serviceOf(mine, c),
        container: c,
        why: 'orphan',
      }))
    : [];
  for (const svc of plan.services) {
    const byNumber = new Map<number, ExistingContainer[]>();
    for (const c of mine.filter((x) => x.labels[LABEL.service] === svc.name)) {
      const n = Number(c.labels[LABEL.containerNumber] ?? 0);
      byNumber.set(n, [...(byNumber.get(n) ?? []), c]);
    }
    for (const [n, cs] of [...byNumber].sort(([a], [b]) => a - b)) {
      const extra = n > svc.replicas || !Number.isInteger(n) || n < 1 ? cs : cs.slice(1);
      for (const c of extra)
        actions.push({
          kind: 'remove',
          service: svc.name,
          container: ref(c),
          why: extra === cs ? 'scale' : 'duplicate',
        });
    }
    for (const planned of svc.containers) {
      const current = byNumber.get(planned.number)?.[0];
      const base = { service: svc.name, number: planned.number };
      if (!current) {
        actions.push({ kind: 'create', ...base, name: planned.name });
        continue;
      }
      const why = staleness(current, svc.configHash, o.imageIds?.[svc.name], o.forceRecreate);
      if (why && !o.noRecreate)
        actions.push({
          kind: 'recreate',
          ...base,
          name: planned.name,
          replaces: ref(current),
          why,
        });
      else if (current.state === 'running' || current.state === 'paused')
        actions.push({ kind: 'keep', ...base, container: ref(current) });
      else actions.push({ kind: 'start', ...base, container: ref(current) });
    }
  }
  return { actions, orphans: o.removeOrphans ? [] : orphans };
}

function staleness(
  c: ExistingContainer,
  hash: string,
  imageId: string | undefined,
  force?: boolean,
): string | null {
  if (force) return 'forced';
  if (c.labels[LABEL.configHash] !== hash) return 'config changed';
  if (imageId !== undefined && c.imageId !== undefined && c.imageId !== imageId)
    return 'image changed';
  return null;
}

const ref = (c: Ref): Ref => ({ id: c.id, name: c.name });
const serviceOf = (cs: readonly ExistingContainer[], r: Ref) =>
  cs.find((c) => c.id === r.id)?.labels[LABEL.service] ?? '';

/** Pure: a one-line summary per action, as `up` prints them (`Container p-web-1  Recreate`). */
export function describeAction(a: Action): string {
  switch (a.kind) {
    case 'create':
      return `Container ${a.name}  Create`;
    case 'recreate':
      return `Container ${a.replaces.name}  Recreate (${a.why})`;
    case 'start':
      return `Container ${a.container.name}  Start`;
    case 'keep':
      return `Container ${a.container.name}  Running`;
    case 'remove':
      return `Container ${a.container.name}  Remove (${a.why})`;
  }
}
