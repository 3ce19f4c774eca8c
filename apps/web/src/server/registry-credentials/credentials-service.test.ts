import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditRepo } from '../audit/audit-repo.js';
import type { Principal } from '../auth/principal.js';
import { secretKeyOf } from '../secrets/secret-box.js';
import type { RegistryCredentialRow, RegistryCredentialsRepo } from './credentials-repo.js';
import { createRegistryCredentialsService } from './credentials-service.js';

const PASSWORD = 'Pa55-only-the-registry-knows';
const meta = { ip: '127.0.0.1', userAgent: null };
const who = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({
  userId: `${role}-id`,
  username: role,
  role,
  sessionId: 's',
  expiresAt: new Date(Date.now() + 60_000),
  mustChangePassword: false,
  ...extra,
});
const admin = who('admin');
const operator = who('operator');

function setup(granted: string[] = []) {
  const rows = new Map<string, RegistryCredentialRow>();
  const repo: RegistryCredentialsRepo = {
    list: async () => [...rows.values()],
    get: async (r) => rows.get(r) ?? null,
    put: async (row) => {
      const replaced = rows.has(row.registry);
      const at = new Date(0);
      const saved = { ...row, createdAt: rows.get(row.registry)?.createdAt ?? at, updatedAt: at };
      rows.set(row.registry, saved);
      return { row: saved, replaced };
    },
    remove: async (r) => rows.delete(r),
  };
  const audited: AuditEntry[] = [];
  const audit = {
    record: async (e: AuditEntry) => void audited.push(e),
  } as unknown as AuditRepo;
  const key = secretKeyOf(randomBytes(32));
  const svc = createRegistryCredentialsService({
    repo,
    audit,
    key: async () => key,
    grants: {
      mayUseStoredCredentials: async (p, ref) =>
        p.role === 'admin' || granted.some((g) => ref.startsWith(`${g}/`)),
    },
  });
  return { svc, rows, audited };
}

test('stored, the password is sealed at rest and opens for a transfer; never in lists or audit', async () => {
  const { svc, rows, audited } = setup();
  const dto = await svc.store(
    admin,
    { registry: 'Registry.Example.com:5000', username: 'ci', password: PASSWORD },
    meta,
  );
  assert.deepEqual(
    { registry: dto.registry, username: dto.username, storedBy: dto.storedBy },
    { registry: 'registry.example.com:5000', username: 'ci', storedBy: 'admin' },
  );
  const row = rows.get('registry.example.com:5000')!;
  assert.ok(!row.secret.includes(PASSWORD), 'sealed in the database');
  assert.ok(!JSON.stringify(dto).includes(PASSWORD));
  assert.ok(!JSON.stringify(await svc.list(admin)).includes(PASSWORD));
  assert.deepEqual(Object.keys((await svc.list(admin))[0]!).sort(), [
    'createdAt',
    'registry',
    'storedBy',
    'updatedAt',
    'username',
  ]);

  const t = await svc.forTransfer(admin, 'registry.example.com:5000/team/app:1');
  assert.deepEqual(t, { storedCredentials: true, auth: { username: 'ci', password: PASSWORD } });
  // Elsewhere nothing is sent, and the host's own rule stands.
  assert.deepEqual(await svc.forTransfer(operator, 'other.example.com/app'), {
    storedCredentials: false,
  });

  await svc.store(
    admin,
    { registry: 'registry.example.com:5000', username: 'ci2', password: 'next' },
    meta,
  );
  assert.equal(
    (await svc.forTransfer(admin, 'registry.example.com:5000/a')).auth?.password,
    'next',
  );
  assert.deepEqual(await svc.remove(admin, 'registry.example.com:5000', meta), { removed: true });
  assert.equal((await svc.forTransfer(admin, 'registry.example.com:5000/a')).auth, undefined);

  assert.deepEqual(
    audited.map((e) => [e.action, e.target, e.outcome, e.detail]),
    [
      [
        'registry.credentials.store',
        'registry:registry.example.com:5000',
        'success',
        { username: 'ci', replaced: false },
      ],
      [
        'registry.credentials.store',
        'registry:registry.example.com:5000',
        'success',
        { username: 'ci2', replaced: true },
      ],
      [
        'registry.credentials.remove',
        'registry:registry.example.com:5000',
        'success',
        { removed: true },
      ],
    ],
  );
  assert.ok(!JSON.stringify(audited).includes(PASSWORD));
});

test('only admins manage them; others use them only for a granted registry, else are refused', async () => {
  const { svc, audited } = setup(['granted.example']);
  for (const p of [operator, who('viewer'), who('admin', { token: tokenWith(['operate']) })]) {
    await assert.rejects(svc.list(p), { code: 'PERMISSION_DENIED' });
    await assert.rejects(
      svc.store(p, { registry: 'x.example', username: 'u', password: PASSWORD }, meta),
      { code: 'PERMISSION_DENIED' },
    );
    await assert.rejects(svc.remove(p, 'x.example', meta), { code: 'PERMISSION_DENIED' });
  }
  assert.deepEqual(audited, []);

  for (const registry of ['private.example', 'granted.example'])
    await svc.store(admin, { registry, username: 'u', password: PASSWORD }, meta);
  await assert.rejects(svc.forTransfer(operator, 'private.example/app:1'), {
    code: 'PERMISSION_DENIED',
    message: /private\.example needs the registry credentials an admin stored/,
  });
  assert.equal((await svc.forTransfer(operator, 'granted.example/app:1')).auth?.password, PASSWORD);
});

test('a bad registry host is refused before anything is stored', async () => {
  const { svc, rows } = setup();
  await assert.rejects(
    svc.store(admin, { registry: 'not a host/x', username: 'u', password: 'p' }, meta),
    { code: 'INVALID_ARGUMENT' },
  );
  assert.equal(rows.size, 0);
});

function tokenWith(scopes: ('read' | 'operate' | 'admin')[]): Principal['token'] {
  return { id: 't', name: 't', scopes, hosts: null, expiresAt: null };
}
