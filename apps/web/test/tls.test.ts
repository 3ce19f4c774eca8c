import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJoinToken } from '@berth/protocol';
import { startWeb, type RunningWeb } from './support/server.js';

const ADMIN_PASSWORD = 'admin-password-for-tests';
let web: RunningWeb;
let dir: string;
let ca: Buffer;
let opensslFingerprint: string;
let opensslPin: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-web-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(cert);
  opensslFingerprint = execFileSync('openssl', [
    'x509',
    '-in',
    cert,
    '-noout',
    '-fingerprint',
    '-sha256',
  ])
    .toString()
    .split('=')[1]!
    .trim()
    .replace(/:/g, '')
    .toLowerCase();
  // curl's --pinnedpubkey form: sha256 of the DER SubjectPublicKeyInfo, base64.
  opensslPin = `sha256//${execFileSync('sh', [
    '-c',
    'openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64',
    'pin',
    cert,
  ])
    .toString()
    .trim()}`;
  web = await startWeb({
    BERTH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    BERTH_TLS_CERT: cert,
    BERTH_TLS_KEY: key,
  });
});
after(async () => {
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function post(url: string, body: unknown, headers: Record<string, string>) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Record<string, unknown>;
  }>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? JSON.parse(text) : {},
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('https: Secure cookie, and join tokens pin the certificate’s sha256 fingerprint', async () => {
  const base = web.baseUrl.replace('http:', 'https:');
  assert.ok(web.output.some((l) => l.includes(`listening on ${base}`)));
  const login = await post(
    `${base}/api/auth/login`,
    { username: 'admin', password: ADMIN_PASSWORD },
    { origin: base },
  );
  assert.equal(login.status, 200);
  const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? [])[0] ?? '';
  assert.match(cookie, /; Secure/);
  // An http:// Origin is not ours when we serve https.
  const wrongScheme = await post(
    `${base}/api/auth/login`,
    { username: 'admin', password: ADMIN_PASSWORD },
    { origin: web.baseUrl },
  );
  assert.equal(wrongScheme.status, 403);

  const created = await post(
    `${base}/api/hosts`,
    { name: 'tls-host' },
    { origin: base, cookie: cookie.split(';')[0]! },
  );
  assert.equal(created.status, 201);
  const token = parseJoinToken(created.body.joinToken as string);
  assert.equal(token.fingerprint, opensslFingerprint);
  // The install line pins the web's public key; curl accepts the self-signed certificate through
  // the pin, and refuses a server whose key differs.
  const command = created.body.command as string;
  assert.ok(command.startsWith(`curl -fsSLk --pinnedpubkey ${opensslPin} ${base}/install.sh |`));
  assert.ok(command.endsWith(` --pin ${opensslPin}`), command);
  const curl = (pin: string) =>
    execFileSync('curl', ['-fsSLk', '--pinnedpubkey', pin, `${base}/install.sh`], {
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
  assert.ok(curl(opensslPin).startsWith('#!/bin/sh'));
  assert.throws(() => curl(`sha256//${Buffer.alloc(32).toString('base64')}`));
});
