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
import {
  createOutputPacer,
  PACING_PREFERENCE_KEY,
  pacingEnabled,
  type OutputPacer,
} from './output-pacer.js';
import { asBytes, toInputFrames } from './input-frames.js';
import { readPreference } from './preferences.js';
import type { ResumeStore } from './resume-store.js';
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
  /** Where this tab remembers the session it shows (found again after a reload). */
  store: ResumeStore;
  onState: (state: TerminalState) => void;
}

export interface TerminalSession {
  /** The pane was fitted to new dimensions. */
  resize(cols: number, rows: number): void;
  /** End the current session (if any) and open a new one. */
  restart(): void;
  /** End the session for good ("End session"): the shell and its children stop. */
  end(): void;
  /** Show the session here again (it was taken to another tab). */
  reattach(): void;
  /** Stop showing the session (it lives on for the host's grace time); drop every listener. */
  dispose(): void;
}

type Ack =
  { ok: true; result: TerminalOpenAck } | { ok: false; error: { code: string; message: string } };

const noAnswer: Ack = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: 'no answer from the server' },
};

/**
 * Binds one xterm to one agent session through the /ui socket. It attaches to the session this
 * tab showed before (a tab switch, a reload or a dropped connection leave it running on the
 * host, with its scrollback, which is replayed) and opens a new one only when there is none;
 * writes output frames through the pacer (acking each after xterm processed it; drawing paced
 * while output floods), sends keystrokes as binary frames and relays resizes. Going away
 * detaches; only "End session" ends it.
 */
export function startTerminalSession(opts: TerminalSessionOptions): TerminalSession {
  const { socket, term, store } = opts;
  const encoder = new TextEncoder();
  const pacing = pacingEnabled(readPreference(PACING_PREFERENCE_KEY));
  /** The session this pane shows now (attached). */
  let sessionId: string | null = null;
  /** The session being attached to: its scrollback arrives before the answer. */
  let attaching: string | null = null;
  /** The session to come back to (this tab's; null: open a new one). */
  let known: string | null = null;
  const stored = store.get();
  if (stored && stored.shell === opts.shell) known = stored.sessionId;
  let batcher: AckBatcher | null = null;
  let pacer: OutputPacer | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let generation = 0;
  let state: TerminalState = { kind: 'idle' };

  const setState = (next: TerminalState) => {
    state = next;
    opts.onState(next);
  };

  /** Output of session `id` from now on: paced into xterm, acked once xterm processed it. */
  function newBatcher(id: string) {
    pacer?.dispose();
    batcher?.dispose();
    const b = createAckBatcher({
      send: (bytes) => sendUi(socket, 'terminal.ack', { sessionId: id, bytes }),
    });
    batcher = b;
    pacer = createOutputPacer({
      term: {
        write: (data, done) => term.write(data, done),
        syncOutputOn: () => term.modes.synchronizedOutputMode,
      },
      consumed: (bytes) => b.consumed(bytes),
      // Off: every frame straight to xterm, drawn as xterm likes (as before the pacer).
      ...(pacing ? {} : { floodBytes: Infinity, maxInFlight: Infinity }),
    });
  }

  /** Stop showing the current session here (without ending it). */
  function letGo() {
    // What arrived is still shown (handed to xterm), no longer acked.
    pacer?.dispose();
    pacer = null;
    batcher?.dispose();
    batcher = null;
    sessionId = null;
    attaching = null;
  }

  /** The session is over for good: nothing to come back to. */
  function forget() {
    known = null;
    store.clear();
    letGo();
  }

  function scheduleRetry() {
    if (disposed || retryTimer || !socket.connected) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryDelayMs(attempt++));
  }

  async function request(name: string, payload: unknown): Promise<Ack> {
    try {
      return await requestUi<Ack>(socket, name, payload, 15_000);
    } catch {
      return noAnswer;
    }
  }

  /** Attach to the known session, else open a new one. */
  async function connect() {
    if (disposed) return;
    const mine = ++generation;
    letGo();
    if (!socket.connected) return setState({ kind: 'connection-lost' });
    setState({ kind: 'connecting' });
    if (known) {
      const id = known;
      // The scrollback comes as data ahead of the answer: a clean screen for it.
      term.reset();
      attaching = id;
      newBatcher(id);
      const ack = await request('terminal.attach', {
        sessionId: id,
        cols: term.cols,
        rows: term.rows,
      });
      if (disposed || mine !== generation) return;
      attaching = null;
      if (ack.ok) return shown(id, ack.result);
      letGo();
      if (ack.error.code !== 'NOT_FOUND') return failed(ack.error);
      // Ended meanwhile (grace time over, host restarted): a new one.
      forget();
    }
    const ack = await request('terminal.open', {
      hostId: opts.hostId,
      containerId: opts.containerId,
      cols: term.cols,
      rows: term.rows,
      shell: opts.shell,
    });
    if (disposed || mine !== generation) {
      if (ack.ok) sendUi(socket, 'terminal.close', { sessionId: ack.result.sessionId });
      return;
    }
    if (!ack.ok) return failed(ack.error);
    known = ack.result.sessionId;
    store.set({ sessionId: known, shell: opts.shell });
    newBatcher(known);
    shown(known, ack.result);
  }

  function shown(id: string, result: TerminalOpenAck) {
    attempt = 0;
    sessionId = id;
    setState({ kind: 'connected', cmd: result.cmd });
  }

  function failed(error: { code: string; message: string }) {
    const next = stateFromOpenError(error.code, error.message);
    setState(next);
    if (next.kind === 'connection-lost') scheduleRetry();
  }

  const mineNow = (id: string) => id === sessionId || id === attaching;
  const onData = (e: TerminalDataEvent) => {
    if (!mineNow(e.sessionId) || !pacer) return;
    pacer.push(asBytes(e.data));
  };
  const drawn = term.onRender(() => pacer?.rendered());
  const onExit = (e: TerminalExitEvent) => {
    if (!mineNow(e.sessionId)) return;
    forget();
    setState(stateFromExit(e.reason, e.exitCode, e.message));
  };
  const onStateEvent = (e: TerminalStateEvent) => {
    if (!mineNow(e.sessionId)) return;
    letGo();
    if (e.state === 'attached elsewhere') return setState({ kind: 'elsewhere' });
    // The host's link dropped: the session may live on there; come back when it is back.
    setState({ kind: 'connection-lost' });
    scheduleRetry();
  };
  const onSocketDisconnect = () => {
    // The server detaches this socket's sessions; attach again on reconnect.
    if (sessionId || state.kind === 'connecting') {
      letGo();
      setState({ kind: 'connection-lost' });
    }
  };
  const onSessionEnded = (e: SessionEndedEvent) => {
    // The server ends this sign-in's sessions itself and disconnects next: no close, no retry.
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    generation++;
    forget();
    setState({ kind: 'session-ended', message: e.message });
  };
  const onSocketConnect = () => {
    if (state.kind === 'connection-lost' || state.kind === 'idle') void connect();
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
  socket.on('terminal.state', onStateEvent);
  socket.on('disconnect', onSocketDisconnect);
  socket.on('connect', onSocketConnect);
  socket.on('session.ended', onSessionEnded);
  void connect();

  function stopRetrying() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    attempt = 0;
  }

  function closeCurrent() {
    const id = sessionId ?? known;
    if (id && socket.connected) sendUi(socket, 'terminal.close', { sessionId: id });
    generation++;
    forget();
  }

  return {
    resize(cols, rows) {
      if (sessionId && socket.connected)
        sendUi(socket, 'terminal.resize', { sessionId, cols, rows });
    },
    restart() {
      stopRetrying();
      closeCurrent();
      term.reset();
      void connect();
    },
    end() {
      stopRetrying();
      closeCurrent();
      setState({ kind: 'ended' });
    },
    reattach() {
      stopRetrying();
      void connect();
    },
    dispose() {
      disposed = true;
      generation++;
      stopRetrying();
      if (sessionId && socket.connected) sendUi(socket, 'terminal.detach', { sessionId });
      letGo();
      typed.dispose();
      binary.dispose();
      drawn.dispose();
      socket.off('terminal.data', onData);
      socket.off('terminal.exit', onExit);
      socket.off('terminal.state', onStateEvent);
      socket.off('disconnect', onSocketDisconnect);
      socket.off('connect', onSocketConnect);
      socket.off('session.ended', onSessionEnded);
    },
  };
}
