import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Authorizer, basicHeader } from './auth.js';
import { parseWwwAuthenticate } from './www-authenticate.js';
import { isRuntimeError } from '../errors.js';

const bearer = parseWwwAuthenticate('Bearer realm="https://auth.example/token",service="reg"');
const basic = parseWwwAuthenticate('Basic realm="r"');
const creds = { username: 'u', password: 'p' };
const REGISTRY = 'https://reg.example';

function fakeFetch(answers: Array<{ status: number; body?: unknown }>) {
  const calls: Array<{ url: string; auth: string | undefined }> = [];
  const impl = (async (url: URL | string, init?: RequestInit) => {
    calls.push({
      url: String(url),
      auth: (init?.headers as Record<string, string> | undefined)?.authorization,
    });
    const a = answers.shift() ?? { status: 500 };
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), { status: a.status });
  }) as typeof fetch;
  return { impl, calls };
}

test('bearer: token fetched with scopes and basic credentials, cached per scope set until expiry', async () => {
  let now = 1_000_000;
  const f = fakeFetch([
    { status: 200, body: { token: 't1', expires_in: 60 } },
    { status: 200, body: { access_token: 't2' } },
    { status: 200, body: { token: 't3' } },
  ]);
  const a = new Authorizer(
    async () => creds,
    f.impl,
    REGISTRY,
    () => now,
  );
  const pull = ['repository:a/b:pull'];
  assert.equal(await a.header(pull), undefined);
  assert.equal(await a.challenge(bearer, pull), true);
  assert.equal(
    f.calls[0]!.url,
    'https://auth.example/token?service=reg&scope=repository%3Aa%2Fb%3Apull',
  );
  assert.equal(f.calls[0]!.auth, basicHeader(creds));
  assert.equal(await a.header(pull), 'Bearer t1');
  assert.equal(
    await a.header(['repository:a/b:pull,push']),
    undefined,
    'another scope set needs its own token',
  );
  await a.challenge(bearer, ['repository:x:pull', 'repository:a/b:pull,push']);
  assert.equal(
    await a.header(['repository:a/b:pull,push', 'repository:x:pull']),
    'Bearer t2',
    'scope order does not matter',
  );
  now += 56_000;
  assert.equal(await a.header(pull), undefined, 'expired (with a safety margin)');
  await a.challenge(bearer, pull);
  assert.equal(await a.header(pull), 'Bearer t3');
});

test('bearer: refused or malformed token answers are UNAUTHENTICATED', async () => {
  const refused = new Authorizer(
    async () => undefined,
    fakeFetch([{ status: 401 }]).impl,
    REGISTRY,
  );
  await assert.rejects(
    refused.challenge(bearer, []),
    (e) => isRuntimeError(e, 'UNAUTHENTICATED') && /anonymous/.test(e.message),
  );
  const malformed = new Authorizer(
    async () => creds,
    fakeFetch([{ status: 200, body: { nope: 1 } }]).impl,
    REGISTRY,
  );
  await assert.rejects(
    malformed.challenge(bearer, []),
    (e) => isRuntimeError(e, 'UNAUTHENTICATED') && /malformed/.test(e.message),
  );
  const noRealm = new Authorizer(async () => creds, fakeFetch([]).impl, REGISTRY);
  await assert.rejects(noRealm.challenge(parseWwwAuthenticate('Bearer service="x"'), []), /realm/);
});

test('basic: used once credentials exist; a refused Basic attempt is final', async () => {
  const none = new Authorizer(async () => undefined, fakeFetch([]).impl, REGISTRY);
  assert.equal(await none.challenge(basic, []), false);
  const a = new Authorizer(async () => creds, fakeFetch([]).impl, REGISTRY);
  assert.equal(await a.challenge(basic, []), true);
  assert.equal(await a.header([]), basicHeader(creds));
  assert.equal(await a.challenge(basic, [], basicHeader(creds)), false);
  assert.equal(
    await a.challenge(basic, [], undefined),
    true,
    'a concurrent request sent before Basic was known retries',
  );
});

test('token realms: https anywhere; plain http only on the plain-http registry host itself', async () => {
  const realm = (r: string) => parseWwwAuthenticate(`Bearer realm="${r}",service="reg"`);
  const refusedBy = async (registry: string, r: string) => {
    const f = fakeFetch([{ status: 200, body: { token: 't' } }]);
    const a = new Authorizer(async () => creds, f.impl, registry);
    await assert.rejects(
      a.challenge(realm(r), ['repository:a:pull']),
      (e) => isRuntimeError(e, 'PERMISSION_DENIED') && /refusing token realm/.test(e.message),
      `${registry} → ${r}`,
    );
    assert.equal(f.calls.length, 0, 'the credentials went nowhere');
  };
  await refusedBy('https://reg.example', 'http://reg.example/token');
  await refusedBy('https://reg.example', 'http://auth.example/token');
  await refusedBy('http://127.0.0.1:5000', 'http://10.1.2.3/token');
  await refusedBy('http://127.0.0.1:5000', 'http://localhost:5000/token');
  await refusedBy('http://127.0.0.1:5000', 'file:///etc/passwd');
  const accepted = async (registry: string, r: string) => {
    const f = fakeFetch([{ status: 200, body: { token: 't' } }]);
    assert.equal(
      await new Authorizer(async () => creds, f.impl, registry).challenge(realm(r), []),
      true,
    );
    assert.equal(f.calls[0]!.auth, basicHeader(creds));
  };
  await accepted('https://reg.example', 'https://auth.example/token');
  await accepted('http://127.0.0.1:5000', 'http://127.0.0.1:5001/token');
  await accepted('http://reg.lan:5000', 'http://reg.lan/token');
});
