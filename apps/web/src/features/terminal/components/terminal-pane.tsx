'use client';

import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import { terminalShells, type TerminalShell } from '../../../lib/socket/terminal-messages.js';
import { Button } from '../../../components/ui/ui.js';
import { createXterm, type XtermHandle } from '../xterm-setup.js';
import { startTerminalSession, type TerminalSession } from '../terminal-session.js';
import { resumeStore, tabStorage } from '../resume-store.js';
import { terminalStateLabel, type TerminalState } from '../terminal-state.js';
import { TerminalSearch } from './terminal-search.js';

const shellLabels: Record<TerminalShell, string> = {
  '/bin/sh': '/bin/sh',
  '/bin/bash': '/bin/bash',
  auto: 'bash if present',
};

function stateTone(state: TerminalState): string {
  if (state.kind === 'connected') return 'bg-green-500';
  if (state.kind === 'connecting' || state.kind === 'connection-lost') return 'bg-amber-500';
  return 'bg-slate-400';
}

/**
 * An interactive shell in a container (xterm.js over the /ui socket, relayed to the agent).
 * Client-only: xterm is imported lazily inside the effect. Every xterm, addon, observer and
 * socket listener is disposed when the pane unmounts or its inputs change. The session itself
 * outlives the pane (another tab of the page, a reload, a dropped connection): it is attached
 * again, with its scrollback, until "End session".
 */
export function TerminalPane(props: {
  hostId: string;
  containerId: string;
  containerName: string;
  running: boolean;
  canOpen: boolean;
}) {
  const { hostId, containerId, containerName, running, canOpen } = props;
  const { socket, ended } = useUiSocket();
  const containerRef = useRef<HTMLDivElement | null>(null);
  const handleRef = useRef<XtermHandle | null>(null);
  const sessionRef = useRef<TerminalSession | null>(null);
  const store = resumeStore(tabStorage(), hostId, containerId);
  // The shell of the session this tab comes back to, if any.
  const [shell, setShell] = useState<TerminalShell>(() => store.get()?.shell ?? '/bin/sh');
  const [state, setState] = useState<TerminalState>({ kind: 'idle' });
  const [searchOpen, setSearchOpen] = useState(false);
  const isEnded = ended !== null;

  const blocked: TerminalState | null = ended
    ? { kind: 'session-ended', message: ended.message }
    : !canOpen
      ? { kind: 'not-allowed' }
      : !running
        ? { kind: 'container-stopped' }
        : null;
  const shown = blocked ?? state;

  useEffect(() => {
    const el = containerRef.current;
    // Once the session ended nothing opens again until the page reloads.
    if (!el || !socket || !canOpen || !running || isEnded) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    let resizeSub: { dispose(): void } | null = null;
    void createXterm(el).then((handle) => {
      if (cancelled) return handle.dispose();
      handleRef.current = handle;
      const session = startTerminalSession({
        socket,
        term: handle.term,
        hostId,
        containerId,
        shell,
        store: resumeStore(tabStorage(), hostId, containerId),
        onState: (s) => {
          if (!cancelled) setState(s);
        },
      });
      sessionRef.current = session;
      handle.term.attachCustomKeyEventHandler((e) => {
        if (e.type === 'keydown' && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
          e.preventDefault();
          setSearchOpen(true);
          return false;
        }
        return true;
      });
      resizeSub = handle.term.onResize(({ cols, rows }) => session.resize(cols, rows));
      observer = new ResizeObserver(() => {
        try {
          handle.fit.fit();
        } catch {
          // hidden (zero size): fit again when shown
        }
      });
      observer.observe(el);
      handle.term.focus();
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      resizeSub?.dispose();
      sessionRef.current?.dispose();
      sessionRef.current = null;
      handleRef.current?.dispose();
      handleRef.current = null;
      setState({ kind: 'idle' });
    };
  }, [socket, hostId, containerId, shell, running, canOpen, isEnded]);

  const label = terminalStateLabel(shown);
  return (
    <section
      aria-label={`Terminal of ${containerName}`}
      className="flex h-[calc(100vh-18rem)] min-h-[16rem] flex-col overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800"
    >
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-sm dark:border-slate-800 dark:bg-slate-900">
        <span className="flex items-center gap-1.5">
          <span className={`h-2 w-2 rounded-full ${stateTone(shown)}`} aria-hidden />
          <span data-testid="terminal-state" role="status" aria-live="polite">
            {label}
          </span>
        </span>
        {shown.kind === 'connected' ? (
          <span className="font-mono text-xs text-slate-500">{shown.cmd.join(' ')}</span>
        ) : null}
        <label className="ml-auto flex items-center gap-1.5 text-xs">
          Shell
          <select
            aria-label="Shell"
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
            value={shell}
            onChange={(e) => {
              // Another shell is another session: this one ends.
              sessionRef.current?.end();
              setShell(e.target.value as TerminalShell);
            }}
          >
            {terminalShells.map((s) => (
              <option key={s} value={s}>
                {shellLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <Button
          variant="secondary"
          className="!px-2 !py-0.5 text-xs"
          onClick={() => setSearchOpen((o) => !o)}
          disabled={blocked !== null}
        >
          Search
        </Button>
        {shown.kind === 'elsewhere' ? (
          <Button
            variant="secondary"
            className="!px-2 !py-0.5 text-xs"
            onClick={() => sessionRef.current?.reattach()}
          >
            Show here
          </Button>
        ) : null}
        <Button
          variant="secondary"
          className="!px-2 !py-0.5 text-xs"
          disabled={blocked !== null}
          onClick={() =>
            shown.kind === 'connection-lost'
              ? sessionRef.current?.reattach()
              : sessionRef.current?.restart()
          }
        >
          {shown.kind === 'connection-lost' ? 'Reconnect' : 'New session'}
        </Button>
        <Button
          variant="danger"
          className="!px-2 !py-0.5 text-xs"
          disabled={blocked !== null || shown.kind !== 'connected'}
          title="Stops the shell and everything started from it"
          onClick={() => sessionRef.current?.end()}
        >
          End session
        </Button>
      </div>
      {searchOpen && handleRef.current ? (
        <TerminalSearch
          search={handleRef.current.search}
          onClose={() => {
            setSearchOpen(false);
            handleRef.current?.term.focus();
          }}
        />
      ) : null}
      <div className="relative min-h-0 flex-1 bg-[#0b1020] p-1">
        <div ref={containerRef} data-testid="terminal" className="h-full w-full" />
        {!blocked &&
        (shown.kind === 'ended' || shown.kind === 'expired' || shown.kind === 'elsewhere') ? (
          <div
            data-testid="terminal-note"
            className="absolute inset-x-0 bottom-0 bg-slate-900/90 px-3 py-2 text-sm text-slate-200"
          >
            {shown.kind === 'elsewhere'
              ? 'This session is open in another tab. “Show here” brings it back.'
              : shown.kind === 'ended'
                ? 'The session ended: its shell and what ran in it stopped. “New session” starts another.'
                : 'The session ended: no page came back to it within the host’s grace time.'}
          </div>
        ) : null}
        {blocked ? (
          <div className="absolute inset-0 flex items-center justify-center text-sm text-slate-300">
            {blocked.kind === 'session-ended'
              ? `The terminal closed: ${blocked.message}.`
              : blocked.kind === 'not-allowed'
                ? 'Your role may not open terminals.'
                : 'Start the container to open a terminal.'}
          </div>
        ) : null}
      </div>
    </section>
  );
}
