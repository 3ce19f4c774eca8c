import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as pty from 'node-pty';
import {
  AGENT_DIR,
  berth,
  buildAgent,
  startAgent,
  tempRoots,
  type AgentProcess,
  type Roots,
} from './helpers/agent-process.js';
import { jsonLines } from './helpers/containers.js';
import { buildBusyboxImage, pushTestImage, startRegistry, type TestRegistry } from '@berth/testkit';

// `berth run -it`: the main process on a conmon-held PTY, driven by the real CLI under node-pty
// against the real agent (runc, conmon, overlayfs). No network: --network none.
let roots: Roots;
let registry: TestRegistry;
let agent: AgentProcess;
let image: string;
const terms: pty.IPty[] = [];

const cli = (...args: string[]) => berth(roots.socket, args);

async function start(): Promise<AgentProcess> {
  const a = startAgent(roots);
  await a.waitForLog(/API listening/);
  return a;
}

/** The real CLI on a pseudo-terminal of the given size. */
function terminal(args: string[], cols: number, rows: number) {
  const term = pty.spawn(process.execPath, [join(AGENT_DIR, 'dist/bin/berth.js'), ...args], {
    cols,
    rows,
    env: { PATH: process.env.PATH ?? '', BERTH_HOST: `unix://${roots.socket}` },
  });
  terms.push(term);
  let out = '';
  term.onData((d) => (out += d));
  const exited = new Promise<number>((resolve) => term.onExit((e) => resolve(e.exitCode)));
  /** Waits until the output matches (poking, e.g. re-asking, every 10th round). */
  const until = async (re: RegExp, poke?: () => void) => {
    for (let i = 0; i < 200 && !re.test(out); i++) {
      if (i % 10 === 0) poke?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(out, re);
  };
  return { term, exited, until, output: () => out };
}

async function names(): Promise<string[]> {
  const r = await cli('ps', '-a', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  return jsonLines<{ name: string }>(r.stdout).map((c) => c.name);
}

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  image = `${registry.host}/tty/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage({ applets: 'all' }));
  agent = await start();
  const pull = await cli('pull', image);
  assert.equal(pull.code, 0, pull.stderr);
});

after(async () => {
  for (const t of terms) {
    try {
      t.kill();
    } catch {
      /* already gone */
    }
  }
  if (roots && agent && (agent.proc.exitCode !== null || agent.proc.signalCode !== null))
    agent = await start();
  if (roots) {
    const left = await cli('ps', '-a', '-q').catch(() => null);
    for (const id of left?.stdout.split('\n').filter(Boolean) ?? []) await cli('rm', '-f', id);
  }
  await agent?.stop();
  await registry?.stop();
  await roots?.cleanup();
});

test('run -it --rm: a shell on a TTY, its size follows the window, exit code, removed', async () => {
  const t = terminal(['run', '-it', '--rm', '--network', 'none', image, 'sh'], 91, 37);
  await t.until(/\/ # /); // the prompt (ash then asks for the cursor position: ESC[6n)
  t.term.write('echo $((6*7))\r');
  await t.until(/^42\r*$/m);
  t.term.write('stty size\r');
  await t.until(/37 91/);
  t.term.resize(101, 33);
  await t.until(/33 101/, () => t.term.write('stty size\r'));
  t.term.write('exit 5\r');
  assert.equal(await t.exited, 5);
  assert.deepEqual(await names(), []);
});

test('run -t without -i: output on a TTY, no input; exit code', async () => {
  const t = terminal(
    ['run', '-t', '--rm', '--network', 'none', image, 'sh', '-c', '[ -t 1 ] && stty size; exit 3'],
    50,
    20,
  );
  assert.equal(await t.exited, 3);
  assert.match(t.output(), /20 50/);
  assert.deepEqual(await names(), []);
});

test('-i without -t is refused with a usage error', async () => {
  const r = await cli('run', '-i', '--network', 'none', image, 'sh');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /-i without -t/);
  assert.deepEqual(await names(), []);
});

test('a run -it container outlives an agent restart: still running, logged, exit recorded', async () => {
  const t = terminal(['run', '-it', '--name', 'keeper', '--network', 'none', image, 'sh'], 80, 24);
  await t.until(/\/ # /);
  t.term.write('echo before-$((1+1))\r');
  await t.until(/^before-2\r*$/m);
  await agent.stop(); // the CLI loses its connection; conmon keeps the container and its PTY
  await t.exited;
  agent = await start();
  const ps = await cli('ps', '--format', 'json');
  assert.deepEqual(
    jsonLines<{ name: string; state: string }>(ps.stdout).map((c) => [c.name, c.state]),
    [['keeper', 'running']],
  );
  const logs = await cli('logs', 'keeper');
  assert.match(logs.stdout, /before-2/);
  assert.equal((await cli('kill', 'keeper')).code, 0);
  const wait = await cli('wait', 'keeper');
  assert.deepEqual([wait.code, wait.stdout.trim()], [0, '137']);
  assert.equal((await cli('rm', 'keeper')).code, 0);
});
