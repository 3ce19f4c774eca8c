import type { Terminal } from '@xterm/xterm';
import { requestUi, sendUi } from '../../lib/socket/ui-send.js';
import type { UiSocket } from '../../lib/socket/ui-socket.js';
import type { SessionEndedEvent } from '../../lib/socket/session-messages.js';
import type {
  TerminalDataEvent,
  TerminalExitEvent,
  TerminalOpenAck,
  TerminalShell,
  TerminalStateEvent,
} from '../../lib/socket/terminal-messages.js';
import { createAckBatcher, type AckBatcher } from './ack-batcher.js';
import { asBytes, toInputFrames } from './input-frames.js';
import {
  retryDelayMs,
  stateFromExit,
  stateFromOpenError,
  type TerminalState,
} from './terminal-state.js';

export interface TerminalSessionOptions {
  socket: UiSocket;
  term: Terminal;
  hostId: string;
  containerId: string;
  shell: TerminalShell;
  onState: (state: TerminalState) => void;
}

export interface TerminalSession {
  /** The pane was fitted to new dimensions. */
  resize(cols: number, rows: number): void;
  /** Close the current session (if any) and open a new one. */
  restart(): void;
  /** Close the session and remove every listener and timer. */
  dispose(): void;
}

type Ack =
  { ok: true; result: TerminalOpenAck } | { ok: false; error: { code: string; message: string } };

/**
 * Binds one xterm to one agent session through the /ui socket: opens it, writes output frames
 * (acking each after xterm processed it), sends keystrokes as binary frames, relays resizes, and
 * reopens a new session when the link comes back after "connection lost".
 */
export function startTerminalSession(opts: TerminalSessionOptions): TerminalSession {
  const { socket, term } = opts;
  const encoder = new TextEncoder();
  let sessionId: string | null = null;
  let batcher: AckBatcher | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let generation = 0;
  let state: TerminalState = { kind: 'idle' };

  const setState = (next: TerminalState) => {
    state = next;
    opts.onState(next);
  };

  function endSession(notifyAgent: boolean) {
    if (sessionId && notifyAgent && socket.connected)
      sendUi(socket, 'terminal.close', { sessionId });
    batcher?.dispose();
    batcher = null;
    sessionId = null;
  }

  function scheduleRetry() {
    if (disposed || retryTimer || !socket.connected) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void open();
    }, retryDelayMs(attempt++));
  }

  async function open() {
    if (disposed) return;
    const mine = ++generation;
    endSession(true);
    if (!socket.connected) return setState({ kind: 'connection-lost' });
    setState({ kind: 'connecting' });
    let ack: Ack;
    try {
      ack = await requestUi<Ack>(
        socket,
        'terminal.open',
        {
          hostId: opts.hostId,
          containerId: opts.containerId,
          cols: term.cols,
          rows: term.rows,
          shell: opts.shell,
        },
        15_000,
      );
    } catch {
      ack = { ok: false, error: { code: 'UNAVAILABLE', message: 'no answer from the server' } };
    }
    if (disposed || mine !== generation) {
      if (ack.ok) sendUi(socket, 'terminal.close', { sessionId: ack.result.sessionId });
      return;
    }
    if (!ack.ok) {
      const next = stateFromOpenError(ack.error.code, ack.error.message);
      setState(next);
      if (next.kind === 'connection-lost') scheduleRetry();
      return;
    }
    attempt = 0;
    const id = ack.result.sessionId;
    sessionId = id;
    batcher = createAckBatcher({
      send: (bytes) => sendUi(socket, 'terminal.ack', { sessionId: id, bytes }),
    });
    setState({ kind: 'connected', cmd: ack.result.cmd });
  }

  const onData = (e: TerminalDataEvent) => {
    if (e.sessionId !== sessionId || !batcher) return;
    const bytes = asBytes(e.data);
    const b = batcher;
    term.write(bytes, () => b.consumed(bytes.byteLength));
  };
  const onExit = (e: TerminalExitEvent) => {
    if (e.sessionId !== sessionId) return;
    endSession(false);
    setState(stateFromExit(e.reason, e.exitCode, e.message));
  };
  const onLost = (e: TerminalStateEvent) => {
    if (e.sessionId !== sessionId) return;
    endSession(false);
    setState({ kind: 'connection-lost' });
    scheduleRetry();
  };
  const onSocketDisconnect = () => {
    // The server closes our sessions when this socket goes; open a fresh one on reconnect.
    if (sessionId || state.kind === 'connecting') {
      endSession(false);
      setState({ kind: 'connection-lost' });
    }
  };
  const onSessionEnded = (e: SessionEndedEvent) => {
    // The server closes this socket's sessions itself and disconnects next: no close, no retry.
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    generation++;
    endSession(false);
    setState({ kind: 'session-ended', message: e.message });
  };
  const onSocketConnect = () => {
    if (state.kind === 'connection-lost' || state.kind === 'idle') void open();
  };

  function sendInput(bytes: Uint8Array) {
    if (!sessionId || !socket.connected) return;
    for (const data of toInputFrames(bytes)) sendUi(socket, 'terminal.input', { sessionId, data });
  }
  const typed = term.onData((text) => sendInput(encoder.encode(text)));
  const binary = term.onBinary((raw) =>
    sendInput(Uint8Array.from(raw, (ch) => ch.charCodeAt(0) & 0xff)),
  );

  socket.on('terminal.data', onData);
  socket.on('terminal.exit', onExit);
  socket.on('terminal.state', onLost);
  socket.on('disconnect', onSocketDisconnect);
  socket.on('connect', onSocketConnect);
  socket.on('session.ended', onSessionEnded);
  void open();

  return {
    resize(cols, rows) {
      if (sessionId && socket.connected)
        sendUi(socket, 'terminal.resize', { sessionId, cols, rows });
    },
    restart() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      attempt = 0;
      term.reset();
      void open();
    },
    dispose() {
      disposed = true;
      generation++;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      endSession(true);
      typed.dispose();
      binary.dispose();
      socket.off('terminal.data', onData);
      socket.off('terminal.exit', onExit);
      socket.off('terminal.state', onLost);
      socket.off('disconnect', onSocketDisconnect);
      socket.off('connect', onSocketConnect);
      socket.off('session.ended', onSessionEnded);
    },
  };
}
