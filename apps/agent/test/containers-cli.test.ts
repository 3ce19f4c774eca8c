import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
import {
  buildBusyboxImage,
  freePort,
  pushTestImage,
  startRegistry,
  type TestRegistry,
} from '@berth/testkit';

// The real agent (runc, conmon, overlayfs, CNI bridge + portmap) driven by the real CLI.
let roots: Roots;
let registry: TestRegistry;
let agent: AgentProcess;
let image: string;
let port: number;

const cli = (...args: string[]) => berth(roots.socket, args);
const MiB = 1024 * 1024;

// Its own bridge and subnet: other agents on this machine (tests too) use berth0.
const bridge = `bt${randomBytes(3).toString('hex')}`;
const subnet = `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`;

async function start(): Promise<AgentProcess> {
  const a = startAgent(roots, ['--bridge', bridge, '--bridge-subnet', subnet]);
  await a.waitForLog(/API listening/);
  return a;
}

/** The page once httpd serves it (the container writes it right before exec'ing httpd). */
async function fetchText(url: string): Promise<string> {
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(url);
      const text = await res.text();
      if (res.status === 200) return text.trim();
    } catch (err) {
      if (i > 100) throw err;
    }
    if (i > 100) throw new Error(`no 200 from ${url}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function psAll() {
  const r = await cli('ps', '-a', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  return jsonLines<{
    id: string;
    name: string;
    state: string;
    exitCode: number | null;
    ports: unknown[];
  }>(r.stdout);
}

before(async () => {
  buildAgent();
  roots = await tempRoots();
  registry = await startRegistry();
  image = `${registry.host}/ctr/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage());
  port = await freePort();
  agent = await start();
});

after(async () => {
  if (roots && agent && (agent.proc.exitCode !== null || agent.proc.signalCode !== null))
    agent = await start();
  if (roots) {
    const left = await cli('ps', '-a', '-q').catch(() => null);
    for (const id of left?.stdout.split('\n').filter(Boolean) ?? []) await cli('rm', '-f', id);
  }
  await agent?.stop();
  await registry?.stop();
  await roots?.cleanup();
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    /* never created */
  }
});

test('run -d pulls the missing image, publishes the port and applies the memory limit', async () => {
  const r = await cli(
    'run',
    '-d',
    '--name',
    'web',
    '-p',
    `127.0.0.1:${port}:80`,
    '-m',
    '64m',
    image,
    'sh',
    '-c',
    'mkdir -p /srv && echo hello-berth > /srv/index.html && exec httpd -f -p 80 -h /srv',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.trim(), /^[0-9a-f]{64}$/);
  assert.match(r.stderr, /Unable to find image/);
  const [web] = await psAll();
  assert.equal(web?.name, 'web');
  assert.equal(web?.state, 'running');
  assert.deepEqual(web?.ports, [
    { hostIp: '127.0.0.1', hostPort: port, containerPort: 80, protocol: 'tcp' },
  ]);

  assert.equal(await fetchText(`http://127.0.0.1:${port}/`), 'hello-berth');
});

test('stats --no-stream --format json has the documented keys and the 64 MiB limit', async () => {
  const r = await cli('stats', '--no-stream', '--format', 'json', 'web');
  assert.equal(r.code, 0, r.stderr);
  const [s] = jsonLines(r.stdout);
  for (const k of [
    'id',
    'name',
    'cpuPercent',
    'memoryUsage',
    'memoryWorkingSet',
    'memoryLimit',
    'pids',
    'pidsLimit',
    'netRx',
    'netTx',
    'blockRead',
    'blockWrite',
  ])
    assert.ok(s && k in s, `missing ${k}`);
  assert.equal(s?.name, 'web');
  assert.equal(s?.memoryLimit, 64 * MiB);
  assert.ok(typeof s?.memoryUsage === 'number' && s.memoryUsage > 0);
  assert.ok(typeof s?.pids === 'number' && s.pids >= 1);
  const table = await cli('stats', '--no-stream');
  assert.match(table.stdout, /CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT/);
  assert.match(table.stdout, /web\s+\S+%\s+\S+ \/ 64MiB/);
});

test('exec runs commands and propagates exit codes', async () => {
  const ok = await cli('exec', 'web', 'echo', 'hi', 'there');
  assert.deepEqual([ok.code, ok.stdout], [0, 'hi there\n']);
  const bad = await cli('exec', '-e', 'X=5', 'web', 'sh', '-c', 'echo oops >&2; exit $X');
  assert.equal(bad.code, 5);
  assert.equal(bad.stderr, 'oops\n');
  const top = await cli('top', 'web');
  assert.match(top.stdout, /httpd -f -p 80/);
});

test('exec -it through a real PTY: terminal size and exit code', async () => {
  const term = pty.spawn(
    process.execPath,
    [join(AGENT_DIR, 'dist/bin/berth.js'), 'exec', '-it', 'web', 'sh', '-c', 'stty size; exit 3'],
    {
      cols: 77,
      rows: 19,
      env: { PATH: process.env.PATH ?? '', BERTH_HOST: `unix://${roots.socket}` },
    },
  );
  let out = '';
  term.onData((d) => (out += d));
  const code = await new Promise<number>((resolve) => term.onExit((e) => resolve(e.exitCode)));
  assert.match(out, /19 77/);
  assert.equal(code, 3);
});

test('exec -it: an interactive shell follows window resizes (SIGWINCH) and exits with its code', async () => {
  const term = pty.spawn(
    process.execPath,
    [join(AGENT_DIR, 'dist/bin/berth.js'), 'exec', '-it', 'web', 'sh'],
    {
      cols: 80,
      rows: 24,
      env: { PATH: process.env.PATH ?? '', BERTH_HOST: `unix://${roots.socket}` },
    },
  );
  let out = '';
  term.onData((d) => (out += d));
  const exited = new Promise<number>((resolve) => term.onExit((e) => resolve(e.exitCode)));
  const until = async (re: RegExp, poke?: () => void) => {
    for (let i = 0; i < 200 && !re.test(out); i++) {
      poke?.();
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(out, re);
  };
  await until(/#\s*/); // the prompt
  term.resize(101, 33);
  // the resize reaches the container asynchronously: ask until it shows
  let asked = 0;
  await until(/33 101/, () => {
    if (asked++ % 10 === 0) term.write('stty size\r');
  });
  term.write('exit 3\r');
  assert.equal(await exited, 3);
});

test('foreground run: stdout/stderr apart, exit code, logs afterwards; --rm removes', async () => {
  const r = await cli(
    'run',
    '--name',
    'once',
    image,
    'sh',
    '-c',
    'echo to-out; echo to-err >&2; exit 4',
  );
  assert.equal(r.code, 4);
  assert.equal(r.stdout, 'to-out\n');
  assert.equal(r.stderr, 'to-err\n');
  const logs = await cli('logs', 'once');
  assert.deepEqual([logs.code, logs.stdout, logs.stderr], [0, 'to-out\n', 'to-err\n']);
  const ts = await cli('logs', '--timestamps', '--tail', '1', 'once');
  assert.match(ts.stdout + ts.stderr, /^\d{4}-\d\d-\d\dT\S+ to-err\n$/);
  assert.equal((await cli('rm', 'once')).code, 0);

  const rm = await cli('run', '--rm', image, 'sh', '-c', 'echo bye');
  assert.deepEqual([rm.code, rm.stdout], [0, 'bye\n']);
  assert.deepEqual(
    (await psAll()).map((c) => c.name),
    ['web'],
  );
});

test('confinement: seccomp by default, --security-opt and --cgroupns change it, inspect says which', async () => {
  const status = "grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status | tr -s '\\t' ' '";
  const byDefault = await cli('run', '--rm', image, 'sh', '-c', status);
  assert.deepEqual([byDefault.code, byDefault.stdout], [0, 'NoNewPrivs: 0\nSeccomp: 2\n']);
  const opened = await cli(
    'run',
    '--rm',
    '--security-opt',
    'seccomp=unconfined',
    '--security-opt',
    'no-new-privileges',
    image,
    'sh',
    '-c',
    status,
  );
  assert.deepEqual([opened.code, opened.stdout], [0, 'NoNewPrivs: 1\nSeccomp: 0\n']);

  const profile = join(roots.dataRoot, '..', 'no-mkdir.json');
  writeFileSync(
    profile,
    JSON.stringify({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }],
    }),
  );
  const custom = await cli(
    'run',
    '--name',
    'custom-seccomp',
    '--security-opt',
    `seccomp=${profile}`,
    '--cgroupns',
    'host',
    image,
    'sh',
    '-c',
    'mkdir /x',
  );
  assert.notEqual(custom.code, 0);
  assert.match(custom.stderr, /Operation not permitted/);
  const inspect = await cli('inspect', 'custom-seccomp');
  const [view] = JSON.parse(inspect.stdout) as Array<{
    config: { securityOpt: string[]; cgroupns: string };
    confinement: { seccomp: string; cgroupns: string };
  }>;
  assert.deepEqual(view!.config.securityOpt, ['seccomp=<custom profile>']);
  assert.equal(view!.confinement.seccomp, 'custom');
  assert.equal(view!.confinement.cgroupns, 'host');
  assert.equal((await cli('rm', 'custom-seccomp')).code, 0);

  for (const [args, re] of [
    [['--security-opt', 'label=type:x'], /SELinux labels .* not supported/],
    [['--security-opt', 'seccomp=/does/not/exist.json'], /ENOENT/],
    [['--security-opt', 'bogus=1'], /unsupported security-opt "bogus"/],
    [['--cgroupns', 'other'], /Allowed choices are private, host/],
  ] as Array<[string[], RegExp]>) {
    const r = await cli('run', '--rm', ...args, image, 'true');
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
  }
});

test('rmi refuses an image a container uses', async () => {
  const r = await cli('rmi', image);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /in use/);
});

test('update --memory changes the live limit', async () => {
  const u = await cli('update', '--memory', '96m', 'web');
  assert.equal(u.code, 0, u.stderr);
  const [s] = jsonLines((await cli('stats', '--no-stream', '--format', 'json', 'web')).stdout);
  assert.equal(s?.memoryLimit, 96 * MiB);
  const inspect = JSON.parse((await cli('inspect', 'web')).stdout) as Array<{
    limits: { memory: number };
  }>;
  assert.equal(inspect[0]?.limits.memory, 96 * MiB);
});

test('the container outlives a SIGKILLed agent and is adopted by the next one', async () => {
  process.kill(agent.proc.pid!, 'SIGKILL');
  await agent.exited;
  assert.equal(await fetchText(`http://127.0.0.1:${port}/`), 'hello-berth');
  agent = await start();
  const [web] = await psAll();
  assert.equal(web?.state, 'running');
});

test('start on a running container is a no-op (as in Docker); ps --filter name, label, status, ancestor', async () => {
  const startedAt = async () =>
    (
      jsonLines((await cli('ps', '--filter', 'name=web', '--format', 'json')).stdout)[0] as
        { startedAt: string } | undefined
    )?.startedAt;
  const before = await startedAt();
  const again = await cli('start', 'web');
  assert.deepEqual([again.code, again.stdout, again.stderr], [0, 'web\n', '']);
  assert.equal(await startedAt(), before, 'not started again');

  assert.equal(
    (await cli('create', '--name', 'labelled', '--label', 'tier=back', image, 'true')).code,
    0,
  );
  const names = async (...filters: string[]) => {
    const r = await cli('ps', ...filters.flatMap((f) => ['--filter', f]), '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    return jsonLines<{ name: string }>(r.stdout)
      .map((c) => c.name)
      .sort();
  };
  assert.deepEqual(await names('name=we'), ['web']);
  // A status filter shows stopped containers without -a, as docker ps does.
  assert.deepEqual(await names('status=created'), ['labelled']);
  assert.deepEqual(await names('status=created', 'status=running'), ['labelled', 'web']);
  assert.deepEqual(await names('label=tier=back', 'status=created'), ['labelled']);
  assert.deepEqual(await names('label=tier=front', 'status=created'), []);
  assert.deepEqual(await names(`ancestor=${image}`), ['web'], 'running only without -a');
  assert.deepEqual(await names('ancestor=nothing-like-it'), []);
  const bad = await cli('ps', '--filter', 'color=red');
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /unsupported filter "color=red"/);
  assert.equal((await cli('rm', 'labelled')).code, 0);
});

test('stop records the exit; ps -a shows it; rm removes everything', async () => {
  const stop = await cli('stop', '-t', '1', 'web');
  assert.deepEqual([stop.code, stop.stdout], [0, 'web\n']);
  const [web] = await psAll();
  assert.equal(web?.state, 'exited');
  assert.equal(web?.exitCode, 137); // busybox httpd as PID 1 ignores SIGTERM: SIGKILL after 1 s
  const table = await cli('ps', '-a');
  assert.match(table.stdout, /Exited \(137\)/);
  assert.equal((await cli('ps', '-q')).stdout, '');
  assert.equal((await cli('rm', 'web')).code, 0);
  assert.deepEqual(await psAll(), []);
  assert.deepEqual(await readdir(join(roots.dataRoot, 'containers')), []);
});

test('bad inputs fail clearly and leave nothing behind', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['run', '-d', '--name', 'bad name', image, 'true'], /invalid/i],
    [['run', '-d', '-m', '1m', image, 'true'], /minimum memory limit allowed is 6MB/],
    [['run', '-d', `${registry.host}/ctr/missing:1`, 'true'], /not found|unknown|manifest/i],
    [['run', '-d', '-p', '127.0.0.1:99999:80', image, 'true'], /invalid port/],
    [['run', '-d', '-p', 'nonsense', image, 'true'], /invalid port spec/],
    [['run', '-i', image, 'sh'], /not supported yet: -i without -t/],
    [['run', '-it', image, 'sh'], /the input device is not a TTY/], // stdin is a pipe here
    [['stop', 'nope'], /no such container|not found/i],
  ];
  for (const [args, re] of cases) {
    const r = await cli(...args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.match(r.stderr, re, args.join(' '));
  }
  assert.deepEqual(await psAll(), []);
  assert.deepEqual(await readdir(join(roots.dataRoot, 'containers')), []);
});
