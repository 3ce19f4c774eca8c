import { spawn } from 'node:child_process';
import { openSync, closeSync, writeFileSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as z from 'zod';
import { paths, type InstallLayout } from './layout.js';
import { decide, readDecision, readPending, type PendingUpgrade } from './state.js';
import { swapCurrent } from './swap.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the old agent hands its guard (one JSON argument). */
export const GuardArgsSchema = z.object({
  prefix: z.string().startsWith('/'),
  /** The upgrade this guard watches (pending.json's id). */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  /** The old agent: the guard starts its work once it has exited. */
  pid: z.number().int().positive(),
  /** Background mode: the flags the agent was started with (the new one gets the same). */
  args: z.array(z.string()).max(256),
  /** systemd mode: the unit to restart on rollback. */
  unit: z
    .string()
    .regex(/^[A-Za-z0-9@._-]+\.service$/)
    .nullable(),
});
export type GuardArgs = z.infer<typeof GuardArgsSchema>;

export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
};

/** Starts `<prefix>/bin/berth-agent ARGS` detached, logging to agent.log; records its pid. */
export function startBackgroundAgent(
  l: InstallLayout | { prefix: string },
  args: string[],
): number {
  const p = paths(l);
  const log = openSync(p.agentLog, 'a', 0o600);
  try {
    const env = { ...process.env };
    delete env.BERTH_JOIN_TOKEN; // enrolled long ago; never hand a secret on
    const child = spawn(p.agent, args, { detached: true, stdio: ['ignore', log, log], env });
    child.unref();
    const pid = child.pid ?? 0;
    writeFileSync(p.agentPid, `${pid}\n`);
    return pid;
  } finally {
    closeSync(log);
  }
}

async function stopPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function log(message: string): void {
  process.stdout.write(`${new Date().toISOString()} upgrade guard: ${message}\n`);
}

/**
 * The upgrade's watchdog, run from the previous release (so it works whatever the new one does):
 * waits for the old agent to exit, starts the new one (background mode; systemd restarts it by
 * itself), and waits for the new one to confirm it is connected. When the deadline passes, or the
 * new agent exits first, it decides `rolled-back` (unless the new agent confirmed just before),
 * stops the new agent, points `current` back and starts the previous release again, which then
 * reports the failure to the web.
 */
export async function runGuard(a: GuardArgs): Promise<void> {
  const l = { prefix: a.prefix };
  const pending = await readPending(l);
  if (pending?.id !== a.id) return log(`upgrade ${a.id} is not pending: nothing to guard`);
  log(`${pending.fromRelease} → ${pending.toRelease}, deadline ${pending.deadline}`);
  for (let i = 0; i < 600 && isAlive(a.pid); i++) await sleep(100);
  if (isAlive(a.pid)) process.kill(a.pid, 'SIGKILL');
  let child: number | null = null;
  if (pending.mode === 'background') {
    child = startBackgroundAgent(l, a.args);
    log(`started ${pending.toRelease} as pid ${child}`);
  }
  const reason = await waitForConfirmation(l, pending, child);
  if (reason === null) return log('the new agent confirmed: done');
  const d = await decide(l, pending.id, { outcome: 'rolled-back', reason });
  if (d.outcome === 'confirmed') return log('the new agent confirmed at the deadline: done');
  log(`rolling back: ${reason}`);
  await rollBack(l, pending, a, child);
}

/**
 * Null once confirmed (or reported and filed away: pending.json is gone or is another upgrade's);
 * else why the new agent failed.
 */
async function waitForConfirmation(
  l: { prefix: string },
  pending: PendingUpgrade,
  child: number | null,
): Promise<string | null> {
  const deadline = Date.parse(pending.deadline);
  for (;;) {
    const d = await readDecision(l, pending.id);
    if (d) return d.outcome === 'confirmed' ? null : d.reason;
    if ((await readPending(l))?.id !== pending.id) return null;
    if (child !== null && !isAlive(child))
      return `${pending.toRelease} exited before it connected to the web`;
    if (Date.now() > deadline)
      return `${pending.toRelease} did not connect to the web by the deadline`;
    await sleep(250);
  }
}

async function rollBack(
  l: { prefix: string },
  pending: PendingUpgrade,
  a: GuardArgs,
  child: number | null,
): Promise<void> {
  if (child !== null) await stopPid(child);
  await swapCurrent(l, pending.fromRelease);
  if (pending.mode === 'background') {
    const pid = startBackgroundAgent(l, a.args);
    log(`started ${pending.fromRelease} again as pid ${pid}`);
    return;
  }
  const unit = a.unit ?? 'berth-agent.service';
  await run('systemctl', ['reset-failed', unit]).catch(() => undefined);
  await run('systemctl', ['restart', unit]);
  log(`restarted ${unit} on ${pending.fromRelease}`);
}
