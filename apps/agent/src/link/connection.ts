import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  dashboardServerEvents,
  parseHandshakeRejection,
  parseServerEvent,
  PROTOCOL_VERSION,
  RPC_EVENT,
} from '@berth/protocol';
import type {
  AgentAuth,
  AgentCredentialFile,
  AgentEventName,
  AgentEventPayload,
  HostFacts,
  ServerEvent,
  ServerEventPayload,
} from '@berth/protocol';
import { AgentError, errorMessage } from '../errors.js';
import type { Logger } from '@berth/log';
import { backoffDelay } from '@berth/runtime';
import { LINK_BACKOFF } from './backoff.js';
import { httpsAgentFor } from './enroll.js';
import type { RpcRegistry } from './rpc-registry.js';
import type { ServerAddress } from './transport.js';

export type LinkState =
  'disabled' | 'enrolling' | 'connecting' | 'connected' | 'revoked' | 'unauthorized';

export interface LinkStatus {
  state: LinkState;
  error: string | null;
}

export interface AgentLinkOptions {
  server: ServerAddress;
  credential: AgentCredentialFile;
  facts: () => HostFacts;
  rpc: RpcRegistry;
  log: Logger;
  uptimeSec: () => number;
  /** Called after each (re)connect's hello, e.g. to resend inventories the web mirrors. */
  onConnect?: () => void;
  /** Called when a connection ends: per-connection state (terminals, follows) must go. */
  onDisconnect?: () => void;
  /** Validated web → agent events besides welcome/revoked (terminal input and acks). */
  onServerEvent?: (ev: ServerEvent) => void;
  /** The web's welcome, with its side of the version exchange. */
  onWelcome?: (welcome: ServerEventPayload<'server.welcome'>) => void;
  /** Heartbeat period until the web's `server.welcome` says otherwise. */
  defaultHeartbeatSec?: number;
}

/**
 * The agent's outbound socket.io link to the web's /agent namespace: authenticates with the host
 * credential, says hello with the host facts, heartbeats, answers RPCs through the registry, and
 * reconnects with jittered backoff — except after a revocation or a refused credential, which
 * are final.
 */
export class AgentLink {
  #state: LinkState = 'connecting';
  #error: string | null = null;
  #heartbeat: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #manualAttempt = 0;
  readonly #socket: Socket;

  constructor(private readonly opts: AgentLinkOptions) {
    const auth: AgentAuth = {
      hostId: opts.credential.hostId,
      credential: opts.credential.credential,
      agentVersion: opts.facts().agentVersion,
      protocolVersion: PROTOCOL_VERSION,
    };
    const agent = httpsAgentFor(opts.server, opts.credential.fingerprint);
    this.#socket = io(opts.server.origin + AGENT_NAMESPACE, {
      autoConnect: false,
      forceNew: true,
      transports: ['websocket'],
      auth,
      reconnection: true,
      reconnectionDelay: LINK_BACKOFF.baseMs,
      reconnectionDelayMax: LINK_BACKOFF.maxMs,
      randomizationFactor: 0.5,
      timeout: 20_000,
      // engine.io-client forwards `agent` to ws in Node; its typings only know browser values.
      ...(agent ? { agent: agent as unknown as string } : {}),
    });
    this.#wire();
  }

  start(): void {
    this.opts.log.info(
      `link: connecting to ${this.opts.server.origin} as host ${this.opts.credential.hostId}`,
    );
    this.#socket.connect();
  }

  status(): LinkStatus {
    return { state: this.#state, error: this.#error };
  }

  /** Send an agent event to the web (dropped while disconnected; callers resync on hello). */
  emit<E extends AgentEventName>(name: E, payload: AgentEventPayload<E>): boolean {
    if (!this.#socket.connected) return false;
    this.#socket.emit(name, payload);
    return true;
  }

  /** Send an event the web acknowledges; rejects when disconnected, refused or unanswered. */
  async emitWithAck<E extends AgentEventName>(
    name: E,
    payload: AgentEventPayload<E>,
    timeoutMs = 10_000,
  ): Promise<void> {
    if (!this.#socket.connected) throw new AgentError('UNAVAILABLE', 'not connected to the web');
    const res = (await this.#socket.timeout(timeoutMs).emitWithAck(name, payload)) as {
      ok?: boolean;
      error?: { message?: string };
    };
    if (res?.ok !== true)
      throw new AgentError('UNAVAILABLE', `the web refused ${name}: ${res?.error?.message ?? '?'}`);
  }

  close(): void {
    this.#stopTimers();
    this.#socket.disconnect();
    if (this.#state === 'connected' || this.#state === 'connecting') this.#state = 'disabled';
  }

  #wire(): void {
    const s = this.#socket;
    s.on('connect', () => {
      this.#state = 'connected';
      this.#error = null;
      this.#manualAttempt = 0;
      this.opts.log.info('link: connected');
      s.emit('agent.hello', { facts: this.opts.facts() });
      this.opts.onConnect?.();
      this.#startHeartbeat(this.opts.defaultHeartbeatSec ?? 15);
    });
    s.on('server.welcome', (payload: unknown) => this.#onWelcome(payload));
    s.on('server.revoked', (payload: unknown) => {
      let reason = 'no reason given';
      try {
        const ev = parseServerEvent('server.revoked', payload);
        if (ev.name === 'server.revoked') reason = ev.payload.reason;
      } catch {
        // A malformed revocation is still a revocation.
      }
      this.#final('revoked', `host revoked by the web: ${reason}`);
    });
    s.on(RPC_EVENT, (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      void this.opts.rpc.dispatch(raw).then((res) => ack(res));
    });
    for (const name of Object.keys(dashboardServerEvents)) {
      s.on(name, (payload: unknown) => this.#onServerEvent(name, payload));
    }
    s.on('disconnect', (reason) => {
      this.#stopHeartbeat();
      this.opts.onDisconnect?.();
      if (this.#state !== 'connected') return;
      this.#state = 'connecting';
      this.opts.log.warn(`link: disconnected (${reason})`);
      // The client does not reconnect by itself after a server-side disconnect.
      if (!s.active) this.#scheduleReconnect();
    });
    s.on('connect_error', (err) => this.#onConnectError(err));
  }

  #onConnectError(err: Error): void {
    const rejection = parseHandshakeRejection(err.message);
    if (rejection === 'REVOKED')
      return this.#final('revoked', `the web refused this host: ${err.message}`);
    if (rejection === 'UNAUTHENTICATED') {
      return this.#final('unauthorized', `the web refused this host's credential: ${err.message}`);
    }
    this.#error = errorMessage(err);
    this.opts.log.warn(`link: cannot connect to ${this.opts.server.origin}: ${this.#error}`);
    // Transport errors are retried by the manager; a middleware refusal leaves the socket inactive.
    if (!this.#socket.active) this.#scheduleReconnect();
  }

  #onWelcome(payload: unknown): void {
    try {
      const ev = parseServerEvent('server.welcome', payload);
      if (ev.name !== 'server.welcome') return;
      const w = ev.payload;
      const versions = w.webVersion
        ? ` by web ${w.webVersion} (protocol ${w.protocolVersion ?? '?'})`
        : '';
      this.opts.log.info(`link: welcomed as "${w.hostName}" (${w.hostId})${versions}`);
      if (w.compatible === false)
        this.opts.log.error(
          `link: the web cannot drive this agent: ${w.reason ?? 'incompatible versions'}; only an upgrade is possible`,
        );
      this.#startHeartbeat(w.heartbeatSec);
      this.opts.onWelcome?.(w);
    } catch (err) {
      this.opts.log.warn(`link: ignoring malformed server.welcome: ${errorMessage(err)}`);
    }
  }

  #onServerEvent(name: string, payload: unknown): void {
    let ev: ServerEvent;
    try {
      ev = parseServerEvent(name, payload);
    } catch (err) {
      this.opts.log.debug(`link: dropping malformed ${name}: ${errorMessage(err)}`);
      return;
    }
    this.opts.onServerEvent?.(ev);
  }

  #final(state: 'revoked' | 'unauthorized', message: string): void {
    this.#state = state;
    this.#error = message;
    this.#stopTimers();
    this.#socket.disconnect();
    this.opts.log.error(`link: ${message}; not reconnecting (the local API keeps serving)`);
  }

  #scheduleReconnect(): void {
    if (this.#retry || this.#state === 'revoked' || this.#state === 'unauthorized') return;
    const delay = backoffDelay(this.#manualAttempt++, LINK_BACKOFF);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#state === 'connecting') this.#socket.connect();
    }, delay);
  }

  #startHeartbeat(sec: number): void {
    this.#stopHeartbeat();
    const periodMs = Math.min(Math.max(sec, 1), 300) * 1000;
    this.#heartbeat = setInterval(() => {
      this.#socket.emit('agent.heartbeat', { ts: Date.now(), uptimeSec: this.opts.uptimeSec() });
    }, periodMs);
    this.#heartbeat.unref();
  }

  #stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  #stopTimers(): void {
    this.#stopHeartbeat();
    clearTimeout(this.#retry);
    this.#retry = undefined;
  }
}
