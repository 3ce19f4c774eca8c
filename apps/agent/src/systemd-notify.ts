import { execFile } from 'node:child_process';
import type { Logger } from '@berth/log';

/**
 * Tells systemd the agent is ready (a `Type=notify` unit waits for this), or that it is stopping.
 * Only under systemd: NOTIFY_SOCKET is set by the service manager. `systemd-notify` is on every
 * systemd host and the unit sets `NotifyAccess=all` so a child may send for the main process;
 * this keeps a datagram-socket addon out of the agent.
 */
export function notifySystemd(
  state: 'READY=1' | 'STOPPING=1',
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!env.NOTIFY_SOCKET) return;
  const args = state === 'READY=1' ? ['--ready', `--pid=${process.pid}`] : [state];
  execFile('systemd-notify', args, { env }, (err) => {
    if (err) log.warn(`systemd-notify ${state}: ${err.message}`);
  });
}
