import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackRelease } from '../src/upgrade/unpack.js';
import { decide, readDecision, writePending } from '../src/upgrade/state.js';

/**
 * The upgrade's file work on a real file system and GNU tar (no root needed): a bundle is
 * unpacked beside the releases only when it is exactly the release asked for, and leaves nothing
 * otherwise; the decision between the new agent and the guard is taken once.
 */
const base = mkdtempSync(join(tmpdir(), 'berth-upgrade-'));
after(() => rmSync(base, { recursive: true, force: true }));

function bundle(name: string, top: string, files: Record<string, string>, version: string): string {
  const src = join(base, `src-${name}`);
  const dir = join(src, top);
  for (const [f, text] of Object.entries({ VERSION: `${version}\nnode v20\n`, ...files })) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
    if (f.startsWith('bin/')) chmodSync(join(dir, f), 0o755);
  }
  const out = join(base, `${name}.tar.gz`);
  execFileSync('tar', ['-czf', out, '-C', src, top]);
  return out;
}

const complete = {
  'bin/node': '#!/bin/sh\n',
  'bin/berth-agent': '#!/bin/sh\n',
  'lib/berth-agent.mjs': '',
  'lib/berth-upgrade-guard.mjs': '',
};
const { ['bin/node']: _node, ...withoutNode } = complete;
const releases = join(base, 'releases');
mkdirSync(releases);
const unpack = (tarball: string, version = '0.2.0') =>
  unpackRelease({
    tarball,
    releases,
    version,
    arch: 'amd64',
    current: 'berth-agent-0.1.0-linux-amd64',
  });

test('unpackRelease: the release asked for lands in releases/, anything else leaves nothing', async () => {
  const good = bundle('good', 'berth-agent-0.2.0-linux-amd64', complete, '0.2.0');
  assert.equal(await unpack(good), 'berth-agent-0.2.0-linux-amd64');
  assert.deepEqual(readdirSync(releases), ['berth-agent-0.2.0-linux-amd64']);
  rmSync(join(releases, 'berth-agent-0.2.0-linux-amd64'), { recursive: true });

  const cases: Array<[string, string, RegExp]> = [
    [
      bundle('other-arch', 'berth-agent-0.2.0-linux-arm64', complete, '0.2.0'),
      '0.2.0',
      /not berth-agent-0\.2\.0-linux-amd64/,
    ],
    [
      bundle('lies', 'berth-agent-0.2.0-linux-amd64', complete, '0.9.9'),
      '0.2.0',
      /VERSION says 0\.9\.9/,
    ],
    [
      bundle('no-node', 'berth-agent-0.2.0-linux-amd64', withoutNode, '0.2.0'),
      '0.2.0',
      /no bin\/node/,
    ],
    [bundle('current', 'berth-agent-0.1.0-linux-amd64', complete, '0.1.0'), '0.1.0', /running now/],
  ];
  for (const [tarball, version, why] of cases)
    await assert.rejects(unpack(tarball, version), (e: Error) => why.test(e.message), String(why));
  const garbage = join(base, 'garbage.tar.gz');
  writeFileSync(garbage, 'not a tarball');
  await assert.rejects(unpack(garbage), /does not unpack/);
  assert.deepEqual(readdirSync(releases), [], 'no release and no staging directory left');
});

test('decide: the first decision holds; the other side reads it', async () => {
  const l = { prefix: join(base, 'prefix') };
  const id = '0123456789abcdef';
  await writePending(l, {
    id,
    fromRelease: 'a',
    toRelease: 'b',
    fromVersion: '0.1.0',
    toVersion: '0.2.0',
    deadline: new Date().toISOString(),
    mode: 'background',
    startedAt: new Date().toISOString(),
  });
  const [first, second] = await Promise.all([
    decide(l, id, { outcome: 'confirmed' }),
    decide(l, id, { outcome: 'rolled-back', reason: 'deadline' }),
  ]);
  assert.deepEqual(first, second, 'both see the same outcome');
  assert.deepEqual(await readDecision(l, id), first);
  assert.equal(await readDecision(l, 'fedcba9876543210'), null, 'another upgrade has no decision');
});
