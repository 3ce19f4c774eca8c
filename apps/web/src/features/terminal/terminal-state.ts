/**
 * The terminal pane's explicit states and the words the status bar shows for them
 * (data-testid="terminal-state"). Pure: the pane keeps one of these, tests read the label.
 */
export type TerminalState =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'connected'; cmd: string[] }
  | { kind: 'exited'; exitCode: number | null }
  | { kind: 'container-stopped' }
  | { kind: 'connection-lost' }
  | { kind: 'not-allowed' }
  | { kind: 'session-ended'; message: string }
  /** The user ended it ("End session"). */
  | { kind: 'ended' }
  /** No page came back within the host's grace time. */
  | { kind: 'expired' }
  /** Another page of the same user shows it now. */
  | { kind: 'elsewhere' }
  | { kind: 'error'; message: string };

export function terminalStateLabel(state: TerminalState): string {
  switch (state.kind) {
    case 'idle':
      return 'closed';
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'exited':
      return state.exitCode === null ? 'process exited' : `process exited (code ${state.exitCode})`;
    case 'container-stopped':
      return 'container stopped';
    case 'connection-lost':
      return 'connection lost — reconnecting';
    case 'not-allowed':
      return 'not allowed';
    case 'session-ended':
      // "session ended: logged out", "your role changed", …
      return state.message;
    case 'ended':
      return 'session ended';
    case 'expired':
      return 'session ended: nobody came back to it in time';
    case 'elsewhere':
      return 'open in another tab';
    case 'error':
      return `error: ${state.message}`;
  }
}

/** The exit event's reason → the state the pane shows. */
export function stateFromExit(
  reason: 'exited' | 'container-stopped' | 'error' | 'expired',
  exitCode: number | null,
  message?: string,
): TerminalState {
  if (reason === 'container-stopped') return { kind: 'container-stopped' };
  if (reason === 'expired') return { kind: 'expired' };
  if (reason === 'error') return { kind: 'error', message: message ?? 'session failed' };
  return { kind: 'exited', exitCode };
}

/** The open ack's error code → the state (PERMISSION_DENIED is "not allowed"). */
export function stateFromOpenError(code: string, message: string): TerminalState {
  if (code === 'PERMISSION_DENIED') return { kind: 'not-allowed' };
  if (code === 'UNAVAILABLE' || code === 'DEADLINE_EXCEEDED') return { kind: 'connection-lost' };
  if (code === 'FAILED_PRECONDITION' && /not running|stopped/i.test(message)) {
    return { kind: 'container-stopped' };
  }
  return { kind: 'error', message };
}

/** Whether the pane should keep trying to open a new session by itself. */
export function shouldRetry(state: TerminalState): boolean {
  return state.kind === 'connection-lost';
}

/** Backoff between reconnect attempts: 1 s, 2 s, 4 s, then every 5 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5000, 1000 * 2 ** Math.max(0, attempt));
}
