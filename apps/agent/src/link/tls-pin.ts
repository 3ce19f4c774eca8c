import { createHash } from 'node:crypto';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { AgentError } from '../errors.js';

/** sha256 of a certificate's DER, lowercase hex without colons (the join token's format). */
export function certificateFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

type ConnectCallback = (err: Error | null, socket: Duplex) => void;

/**
 * An https agent that trusts exactly one certificate: the one whose fingerprint was pinned by the
 * join token (self-signed certificates work; CAs are irrelevant). The TLS handshake is completed
 * and the peer certificate checked BEFORE the socket is handed to http, so not one byte of a
 * request (join token, credential) is written to an impostor. Used for enrollment and socket.io.
 */
export class PinnedAgent extends https.Agent {
  constructor(readonly fingerprint: string) {
    super({ keepAlive: false });
  }

  override createConnection(options: https.RequestOptions, callback?: ConnectCallback): undefined {
    const socket = tls.connect({
      ...(options as tls.ConnectionOptions),
      rejectUnauthorized: false,
    });
    const fail = (err: Error) => {
      socket.destroy();
      callback?.(err, socket);
    };
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      socket.off('error', fail);
      const cert = socket.getPeerCertificate();
      const seen = cert?.raw ? certificateFingerprint(cert.raw) : '(none)';
      if (seen !== this.fingerprint) {
        fail(
          new AgentError(
            'PERMISSION_DENIED',
            `server certificate fingerprint ${seen} does not match the pinned ${this.fingerprint}; refusing to talk to it`,
          ),
        );
        return;
      }
      callback?.(null, socket);
    });
    // Returning nothing makes http wait for the callback (node's Agent#createSocket contract).
    return undefined;
  }
}
