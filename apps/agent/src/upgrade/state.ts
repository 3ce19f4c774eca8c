import { open, readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { paths, type InstallLayout } from './layout.js';

/**
 * The upgrade's state, on disk under `<prefix>/upgrade/` so it outlives the processes that take
 * part (old agent, guard, new agent):
 * - `pending.json`: written by the old agent before it swaps `current`;
 * - `decision-<id>`: created exclusively (O_EXCL) by whoever decides first — the new agent once
 *   it is connected (`confirmed`) or the guard when the deadline passes or the new agent dies
 *   (`rolled-back`). Exclusive creation makes the two racers agree on one outcome; the id keeps
 *   a guard of an earlier upgrade from deciding a later one.
 * - `last.json`: the finished upgrade, once its outcome was reported to the web.
 */
export const PendingUpgradeSchema = z.object({
  /** Random, per upgrade. */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  fromRelease: z.string(),
  toRelease: z.string(),
  fromVersion: z.string(),
  toVersion: z.string(),
  /** ISO time by which the new version must be connected. */
  deadline: z.string(),
  /** How the agent runs: restarted by systemd, or started by the guard in the background. */
  mode: z.enum(['systemd', 'background']),
  startedAt: z.string(),
});
export type PendingUpgrade = z.infer<typeof PendingUpgradeSchema>;

export const DecisionSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('confirmed') }),
  z.object({ outcome: z.literal('rolled-back'), reason: z.string() }),
]);
export type Decision = z.infer<typeof DecisionSchema>;

const files = (l: Pick<InstallLayout, 'prefix'>) => {
  const dir = paths(l).upgradeDir;
  return {
    dir,
    pending: join(dir, 'pending.json'),
    decision: (id: string) => join(dir, `decision-${id}`),
    last: join(dir, 'last.json'),
    guardLog: join(dir, 'guard.log'),
  };
};
export const upgradeFiles = files;

async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const readPending = (l: Pick<InstallLayout, 'prefix'>) =>
  readJson(files(l).pending, PendingUpgradeSchema);

export const readDecision = (l: Pick<InstallLayout, 'prefix'>, id: string) =>
  readJson(files(l).decision(id), DecisionSchema);

/** A new pending upgrade (replacing any earlier one). */
export async function writePending(
  l: Pick<InstallLayout, 'prefix'>,
  p: PendingUpgrade,
): Promise<void> {
  const f = files(l);
  await mkdir(f.dir, { recursive: true, mode: 0o700 });
  await writeFile(`${f.pending}.tmp`, JSON.stringify(p, null, 2), { mode: 0o600 });
  await rename(`${f.pending}.tmp`, f.pending);
}

/**
 * Records `d` unless a decision exists already; returns the decision that holds (ours, or the
 * one that was first).
 */
export async function decide(
  l: Pick<InstallLayout, 'prefix'>,
  id: string,
  d: Decision,
): Promise<Decision> {
  const f = files(l);
  try {
    const fh = await open(f.decision(id), 'wx', 0o600);
    try {
      await fh.writeFile(JSON.stringify(d));
      await fh.sync();
    } finally {
      await fh.close();
    }
    return d;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // the other side created it: wait for its content (written right after the create)
    for (let i = 0; i < 50; i++) {
      const existing = await readDecision(l, id);
      if (existing) return existing;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { outcome: 'rolled-back', reason: 'the decision file is unreadable' };
  }
}

/** After the outcome was reported: pending + decision → last.json. */
export async function finish(l: Pick<InstallLayout, 'prefix'>, p: PendingUpgrade, d: Decision) {
  const f = files(l);
  await writeFile(`${f.last}.tmp`, JSON.stringify({ ...p, ...d }, null, 2), { mode: 0o600 });
  await rename(`${f.last}.tmp`, f.last);
  await rm(f.pending, { force: true });
  await rm(f.decision(p.id), { force: true });
}

/** Pure: whether an upgrade is under way (pending with no decision, before its deadline + grace). */
export function underWay(p: PendingUpgrade | null, d: Decision | null, now: Date): boolean {
  if (!p || d) return false;
  return now.getTime() < Date.parse(p.deadline) + 60_000;
}
