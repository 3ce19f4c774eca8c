import type { OciRuntime, RuntimeStatus } from '../oci-runtime/types.js';
import type { ContainerRecord } from './record.js';

export interface ReconcileReport {
  /** Records brought in line with a live runtime container. */
  adopted: string[];
  /** Exits that happened while the agent was down. */
  exitsRecorded: string[];
  /** Restart policies applied at start-up. */
  restarted: string[];
  /** Interrupted removals finished. */
  removed: string[];
  /** Stale runtime containers deleted. */
  cleaned: string[];
  errors: Array<{ id: string; message: string }>;
}

export interface ReconcileOps {
  runtime: OciRuntime;
  readExit(id: string): Promise<number | null>;
  recordExit(id: string, exitCode: number): Promise<void>;
  adopt(id: string, status: 'running' | 'paused', pid: number): Promise<unknown>;
  finishRemove(rec: ContainerRecord): Promise<void>;
  /** Applies the restart policy to an exited container; true when a start was scheduled. */
  restart(id: string): boolean;
}

/** Exit code recorded when a container vanished without conmon writing one (Docker uses 255 too). */
export const UNKNOWN_EXIT = 255;

const isLiveStatus = (s: RuntimeStatus | undefined): s is 'running' | 'paused' =>
  s === 'running' || s === 'paused';

/**
 * Agent start-up: the store is compared with `runc state` and conmon's exit files. A container is
 * never created twice: a live runtime container is adopted, not started again.
 */
export async function reconcileRecords(
  records: ContainerRecord[],
  ops: ReconcileOps,
): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    adopted: [],
    exitsRecorded: [],
    restarted: [],
    removed: [],
    cleaned: [],
    errors: [],
  };
  for (const rec of records) {
    try {
      await reconcileOne(rec, ops, report);
    } catch (err) {
      report.errors.push({ id: rec.id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return report;
}

async function reconcileOne(
  rec: ContainerRecord,
  ops: ReconcileOps,
  report: ReconcileReport,
): Promise<void> {
  if (rec.state === 'removing') {
    await ops.finishRemove(rec);
    report.removed.push(rec.id);
    return;
  }
  if (rec.state === 'running' || rec.state === 'paused') {
    const code = await ops.readExit(rec.id);
    const st = code === null ? await ops.runtime.state(rec.id) : null;
    if (code === null && st && isLiveStatus(st.status)) {
      if (st.status !== rec.state || st.pid !== rec.pid) {
        await ops.adopt(rec.id, st.status, st.pid);
        report.adopted.push(rec.id);
      }
      return;
    }
    await ops.recordExit(rec.id, code ?? UNKNOWN_EXIT);
    report.exitsRecorded.push(rec.id);
    return;
  }
  const st = await ops.runtime.state(rec.id);
  if (st && isLiveStatus(st.status)) {
    await ops.adopt(rec.id, st.status, st.pid);
    report.adopted.push(rec.id);
    return;
  }
  if (st) {
    await ops.runtime.delete(rec.id, { force: true });
    report.cleaned.push(rec.id);
  }
  if (rec.state === 'exited' && ops.restart(rec.id)) report.restarted.push(rec.id);
}
