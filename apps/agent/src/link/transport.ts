import { isIP } from 'node:net';
import { AgentError } from '../errors.js';

/** The web's address after validation: an origin with an http(s) scheme. */
export interface ServerAddress {
  /** `https://host:port` or `http://host:port` (ws/wss are normalised to http/https). */
  origin: string;
  secure: boolean;
  loopback: boolean;
}

/** True for 127.0.0.0/8, ::1, ::ffff:127.x and the name `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) {
    if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    return mapped !== null && mapped[1]!.startsWith('127.');
  }
  return false;
}

/**
 * Parse `--server` and apply the transport rule: plaintext (http/ws) only to loopback unless
 * `insecure`. Only an origin is accepted (no path, query, credentials), so it cannot be ambiguous
 * where `/api/agent/enroll` and the socket.io endpoint live.
 */
export function parseServerAddress(raw: string, insecure: boolean): ServerAddress {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AgentError('INVALID_ARGUMENT', `--server: not a URL: "${raw.slice(0, 200)}"`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!['http', 'https', 'ws', 'wss'].includes(scheme)) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      `--server: scheme must be https (or http), got ${scheme}:`,
    );
  }
  if (
    url.username ||
    url.password ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash
  ) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      '--server: give only scheme://host[:port], without path, query or credentials',
    );
  }
  const secure = scheme === 'https' || scheme === 'wss';
  const loopback = isLoopbackHost(url.hostname);
  if (!secure && !loopback && !insecure) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      `--server: refusing plaintext ${scheme}:// to non-loopback host ${url.hostname}; use https, or pass --insecure to allow it`,
    );
  }
  const origin = `${secure ? 'https' : 'http'}://${url.host}`;
  return { origin, secure, loopback };
}
