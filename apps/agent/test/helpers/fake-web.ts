import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import {
  AGENT_ENROLL_PATH,
  AGENT_NAMESPACE,
  AgentAuthSchema,
  EnrollRequestSchema,
  formatHandshakeRejection,
  formatJoinToken,
} from '@berth/protocol';
import type { EnrollRequest } from '@berth/protocol';

/**
 * The web's role, minimally: the enrollment endpoint and the /agent namespace with credential
 * checks and handshake rejections. Plays it over http on 127.0.0.1, or https with a given cert.
 */
export class FakeWeb {
  readonly server: http.Server;
  readonly io: Server;
  readonly tokens = new Map<string, 'valid' | 'expired'>();
  readonly hosts = new Map<string, { credential: string; revoked: boolean }>();
  readonly enrollments: EnrollRequest[] = [];
  readonly handshakes: { hostId: string; outcome: 'ok' | 'REVOKED' | 'UNAUTHENTICATED' }[] = [];
  readonly connections: Socket[] = [];
  httpRequests = 0;
  heartbeatSec = 1;
  #onConnection: ((s: Socket) => void)[] = [];

  constructor(tls?: { key: string; cert: string }) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.#http(req, res);
    this.server = tls ? https.createServer(tls, handler) : http.createServer(handler);
    this.server.on('request', () => this.httpRequests++);
    this.io = new Server(this.server, { transports: ['websocket'] });
    const ns = this.io.of(AGENT_NAMESPACE);
    ns.use((socket, next) => {
      const auth = AgentAuthSchema.safeParse(socket.handshake.auth);
      const host = auth.success ? this.hosts.get(auth.data.hostId) : undefined;
      const hostId = auth.success ? auth.data.hostId : '?';
      if (!host || !auth.success || host.credential !== auth.data.credential) {
        this.handshakes.push({ hostId, outcome: 'UNAUTHENTICATED' });
        return next(
          new Error(formatHandshakeRejection('UNAUTHENTICATED', 'unknown host or bad credential')),
        );
      }
      if (host.revoked) {
        this.handshakes.push({ hostId, outcome: 'REVOKED' });
        return next(new Error(formatHandshakeRejection('REVOKED', 'host was revoked')));
      }
      this.handshakes.push({ hostId, outcome: 'ok' });
      next();
    });
    ns.on('connection', (socket) => {
      this.connections.push(socket);
      const hostId = String((socket.handshake.auth as { hostId: string }).hostId);
      socket.emit('server.welcome', {
        hostId,
        hostName: `name-${hostId}`,
        heartbeatSec: this.heartbeatSec,
      });
      for (const cb of this.#onConnection.splice(0)) cb(socket);
    });
  }

  /** A new single-use join token (optionally pinning a certificate fingerprint). */
  issueToken(state: 'valid' | 'expired' = 'valid', fingerprint: string | null = null): string {
    const token = formatJoinToken({
      tokenId: randomBytes(6).toString('hex'),
      secret: randomBytes(32).toString('base64url'),
      fingerprint,
    });
    this.tokens.set(token.split('.').slice(0, 3).join('.'), state);
    return token;
  }

  nextConnection(): Promise<Socket> {
    return new Promise((resolve) => this.#onConnection.push(resolve));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await this.io.close();
    this.server.closeAllConnections();
  }

  #http(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST' || req.url !== AGENT_ENROLL_PATH) return; // socket.io handles the rest
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      let parsed;
      try {
        parsed = EnrollRequestSchema.safeParse(JSON.parse(body));
      } catch {
        return send(400, { code: 'INVALID_ARGUMENT', message: 'bad json' });
      }
      if (!parsed.success)
        return send(400, { code: 'INVALID_ARGUMENT', message: 'bad enroll request' });
      const key = parsed.data.joinToken.split('.').slice(0, 3).join('.');
      const state = this.tokens.get(key);
      if (!state) return send(401, { code: 'UNAUTHENTICATED', message: 'unknown join token' });
      if (state === 'expired')
        return send(410, { code: 'FAILED_PRECONDITION', message: 'join token expired' });
      this.tokens.delete(key);
      this.enrollments.push(parsed.data);
      const hostId = `host-${this.enrollments.length}`;
      const credential = randomBytes(32).toString('base64url');
      this.hosts.set(hostId, { credential, revoked: false });
      send(200, { hostId, hostName: `name-${hostId}`, credential });
    });
  }
}
