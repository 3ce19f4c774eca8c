import { readFileSync } from 'node:fs';
import { X509Certificate, createHash } from 'node:crypto';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** sha256 of the leaf certificate's DER encoding, lowercase hex: what join tokens pin. */
  fingerprint: string;
  /** curl's `--pinnedpubkey` form of the certificate's public key: `sha256//<base64 of SPKI>`. */
  publicKeyPin: string;
}

export function certificateFingerprint(pem: Buffer | string): string {
  const der = new X509Certificate(pem).raw;
  return createHash('sha256').update(der).digest('hex');
}

export function publicKeyPin(pem: Buffer | string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256//${createHash('sha256').update(spki).digest('base64')}`;
}

export function loadTls(files: { certFile: string; keyFile: string }): TlsMaterial {
  const cert = readFileSync(files.certFile);
  const key = readFileSync(files.keyFile);
  return { cert, key, fingerprint: certificateFingerprint(cert), publicKeyPin: publicKeyPin(cert) };
}
