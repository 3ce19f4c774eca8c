import type { OciRuntime, RuntimeStatus } from '../oci-runtime/types.js';
import type { ContainerRecord } from './record.js';
import { startsAtBoot } from './boot-order.js';

export interface ReconcileReport {
  /** Records brought in line with a live runtime container. */
  adopted: string[];
  /** Exits that happened while the agent was down (conmon recorded them). */
  exitsRecorded: string[];
  /**
   * Running or paused when the host went down (a reboot): runc state and conmon are gone with
   * no exit recorded. Marked exited with code 255, as dockerd does.
   */
  lost: string[];
  /** Started at agent start by their restart policy (`always`, `unless-stopped`, `on-failure`). */
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
  /** Records an exit; `restart: false` leaves the restart policy to the boot starts. */
  recordExit(id: string, exitCode: number, opts?: { restart: boolean }): Promise<void>;
  adopt(id: string, status: 'running' | 'paused', pid: number): Promise<unknown>;
  finishRemove(rec: ContainerRecord): Promise<void>;
}

/** Exit code recorded when a container vanished without conmon writing one (Docker uses 255 too). */
export const UNKNOWN_EXIT = 255;

const isLiveStatus = (s: RuntimeStatus | undefined): s is 'running' | 'paused' =>
  s === 'running' || s === 'paused';

/**
 * Agent start-up: the store is compared with `runc state` and conmon's exit files. A container is
 * never created twice: a live runtime container is adopted, not started again. After a host
 * reboot nothing is live and no exit was recorded: every running container is `lost`.
 */
export async function reconcileRecords(
  records: ContainerRecord[],
  ops: ReconcileOps,
): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    adopted: [],
    exitsRecorded: [],
    lost: [],
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
    if (code === null) {
      await ops.recordExit(rec.id, UNKNOWN_EXIT, { restart: false });
      report.lost.push(rec.id);
    } else {
      await ops.recordExit(rec.id, code);
      report.exitsRecorded.push(rec.id);
    }
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
}

/**
 * Which containers the agent starts once reconciled: those exited before it came up (stopped,
 * or lost with the host) whose policy says so at daemon start — not those whose exit conmon
 * recorded while it was down, which the restart policy already handles with its back-off.
 */
export function bootCandidates(
  records: ContainerRecord[],
  report: ReconcileReport,
): ContainerRecord[] {
  const handled = new Set([...report.exitsRecorded, ...report.removed]);
  return records.filter((r) => !handled.has(r.id) && startsAtBoot(r));
}
