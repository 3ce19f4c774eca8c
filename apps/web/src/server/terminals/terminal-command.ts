import type { TerminalShell } from '../../lib/socket/terminal-messages.js';

/** The browser's shell choice → the agent's `terminal.open` cmd. */
export function commandForShell(shell: TerminalShell): 'auto' | string[] {
  return shell === 'auto' ? 'auto' : [shell];
}

/** Audit detail of a finished session. */
export function closeDetail(args: {
  sessionId: string;
  containerId: string;
  cmd: string[];
  startedAt: number;
  endedAt: number;
  exitCode: number | null;
  reason: string;
}) {
  return {
    sessionId: args.sessionId,
    containerId: args.containerId,
    cmd: args.cmd,
    startedAt: new Date(args.startedAt).toISOString(),
    endedAt: new Date(args.endedAt).toISOString(),
    durationMs: Math.max(0, args.endedAt - args.startedAt),
    exitCode: args.exitCode,
    reason: args.reason,
  };
}
