import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFixture, type Fixture } from './manager-fixture.js';
import { poolIds, waitFor } from './helpers.js';
import { netnsName } from '../../src/network/netns.js';
import { readExit } from '../../src/monitor/exit-file.js';

let fx: Fixture;
before(async () => {
  fx = await openFixture();
});
after(() => fx.cleanup());

interface ChildAgent {
  pid: number;
  ids: Record<string, string>;
  /** The shell its mounts and conmons were forked from (spawner.ts). */
  spawnerPid: number;
}

function runChildAgent(): Promise<ChildAgent> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'agent-child.ts'), JSON.stringify(fx.roots)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n'))
        resolve({ pid: child.pid ?? 0, ...(JSON.parse(out) as Omit<ChildAgent, 'pid'>) });
    });
    child.on('exit', (code) => reject(new Error(`child agent exited ${code}`)));
  });
}

test('SIGKILL of the agent leaves containers running; reconcile records exits, restarts, never creates twice', async () => {
  const { pid, ids, spawnerPid } = await runChildAgent();
  process.kill(pid, 'SIGKILL');
  // its spawner shell goes with it (its stdin closed): nothing of the agent is left running
  await waitFor(() => {
    try {
      return /\) Z /.test(readFileSync(`/proc/${spawnerPid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  }, 'the spawner shell of the killed agent to exit');
  const runtime = fx.manager.deps.runtime;
  const [a, b, c] = [ids['exits-while-down'], ids.always, ids['keeps-running']] as [
    string,
    string,
    string,
  ];
  for (const id of [a, b, c]) assert.equal((await runtime.state(id))?.status, 'running');
  const keptPid = (await runtime.state(c))?.pid;

  // containers exit while no agent is watching: conmon still records the exit
  await runtime.kill(a, 'KILL');
  await runtime.kill(b, 'KILL');
  const exitDir = join(fx.roots.execRoot, 'exits');
  for (const id of [a, b]) {
    await waitFor(
      () => readExit(exitDir, join(fx.roots.dataRoot, 'containers', id, 'persist'), id),
      'exit file',
    );
  }

  // the crashed agent's namespace pool: IDs it made ahead, some taken by its containers
  const pooled = poolIds(fx.roots.dataRoot);
  assert.ok(pooled.length > 0, 'the child agent had a namespace pool');
  fx.manager.close();
  const { manager, report } = await fx.reopen();
  fx.manager = manager;
  for (const id of pooled.filter((x) => ![a, b, c].includes(x)))
    assert.equal(existsSync(`/var/run/netns/${netnsName(id)}`), false, 'pool namespace left');
  for (const id of [a, b, c])
    assert.equal(existsSync(`/var/run/netns/${netnsName(id)}`), true, 'container namespace');
  assert.deepEqual([...report.exitsRecorded].sort(), [a, b].sort());
  assert.deepEqual(report.adopted, []);
  assert.deepEqual(report.errors, []);
  assert.equal(manager.get(a).state, 'exited');
  assert.equal(manager.get(a).exitCode, 137);
  assert.equal(await runtime.state(a), null, 'runc container deleted after recording');
  const restarted = await waitFor(() => {
    const r = manager.get(b);
    return r.state === 'running' && r.restartCount === 1 ? r : null;
  }, 'restart policy always');
  assert.equal((await runtime.state(b))?.pid, restarted.pid);
  assert.equal(manager.get(c).state, 'running');
  assert.equal((await runtime.state(c))?.pid, keptPid, 'the live container was not created again');

  // a second reconcile is a no-op
  const again = await manager.reconcile();
  assert.deepEqual(again.exitsRecorded, []);
  assert.deepEqual(again.restarted, []);
  assert.equal((await runtime.state(c))?.pid, keptPid);
});
