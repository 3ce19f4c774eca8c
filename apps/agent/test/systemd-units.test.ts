import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withTempDir } from '@berth/testkit';

// The systemd units Berth ships, checked by systemd's own verifier. `systemd-analyze verify`
// exits 0 on many mistakes (a bad KillMode is "ignored"), so any output counts as a failure.

const run = promisify(execFile);
const agentUnit = new URL('../deploy/systemd/berth-agent.service', import.meta.url);
const webUnit = new URL('../../web/deploy/berth-web.service', import.meta.url);

async function verify(dir: string, name: string, text: string) {
  const file = join(dir, name);
  await writeFile(file, text);
  try {
    const { stdout, stderr } = await run('systemd-analyze', ['verify', file]);
    return { ok: true, output: (stdout + stderr).trim() };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() };
  }
}

/** A prefix laid out as install.sh lays it out, with an executable berth-agent. */
async function fakePrefix(dir: string): Promise<string> {
  const prefix = join(dir, 'opt');
  await mkdir(join(prefix, 'bin'), { recursive: true });
  await writeFile(join(prefix, 'bin', 'berth-agent'), '#!/bin/sh\n');
  await chmod(join(prefix, 'bin', 'berth-agent'), 0o755);
  await writeFile(join(prefix, 'agent.env'), 'BERTH_AGENT_FLAGS=\n');
  return prefix;
}

test('the agent unit passes systemd-analyze verify and keeps conmon across restarts', async () => {
  await withTempDir('berth-units-', async (dir) => {
    const text = (await readFile(agentUnit, 'utf8')).replaceAll('@PREFIX@', await fakePrefix(dir));
    const result = await verify(dir, 'berth-agent.service', text);
    assert.deepEqual(result, { ok: true, output: '' });
    // What the unit promises, read back from the verified text.
    const directives = new Map(
      text
        .split('\n')
        .filter((l) => /^[A-Za-z]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    assert.equal(directives.get('Type'), 'notify', 'readiness notified');
    assert.equal(directives.get('Restart'), 'always');
    assert.equal(directives.get('KillMode'), 'process', 'conmon monitors survive an agent restart');
    assert.equal(directives.get('WantedBy'), 'multi-user.target', 'starts at boot');
  });
});

test('the web unit passes systemd-analyze verify', async () => {
  await withTempDir('berth-units-', async (dir) => {
    await mkdir(join(dir, 'apps', 'web'), { recursive: true });
    await mkdir(join(dir, 'data'), { recursive: true });
    const text = (await readFile(webUnit, 'utf8')).replaceAll('@REPO@', dir);
    assert.deepEqual(await verify(dir, 'berth-web.service', text), { ok: true, output: '' });
  });
});

test('the verifier check can fail: a broken unit is reported', async () => {
  await withTempDir('berth-units-', async (dir) => {
    const text = (await readFile(agentUnit, 'utf8'))
      .replaceAll('@PREFIX@', await fakePrefix(dir))
      .replace('KillMode=process', 'KillMode=bogus');
    const result = await verify(dir, 'berth-agent.service', text);
    assert.match(result.output, /kill mode/i);
  });
});
