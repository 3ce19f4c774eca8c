import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startDockerAgent, type DockerAgent } from './helpers/docker-agent.js';

// Debian's docker client (docker.io 20.10) against a real Berth agent's Docker API socket.
let d: DockerAgent;

before(async () => {
  d = await startDockerAgent();
});

after(async () => {
  await d?.stop();
});

test('the socket is root only (0600) and answers the client’s version negotiation', async () => {
  const st = await stat(d.dockerSocket);
  assert.equal(st.mode & 0o777, 0o600);
  assert.equal(st.uid, 0);
  const v = await d.docker(['version', '--format', '{{.Server.APIVersion}} {{.Server.Os}}']);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.stdout.trim(), '1.41 linux');
});

test('docker run --rm IMG echo hi prints hi; exit codes come through', async () => {
  const hi = await d.docker(['run', '--rm', d.image, 'echo', 'hi']);
  assert.equal(hi.code, 0, hi.stderr);
  assert.equal(hi.stdout, 'hi\n');
  const three = await d.docker([
    'run',
    '--rm',
    d.image,
    'sh',
    '-c',
    'echo out; echo err >&2; exit 3',
  ]);
  assert.equal(three.code, 3);
  assert.equal(three.stdout, 'out\n');
  assert.equal(three.stderr, 'err\n');
  const left = await d.docker(['ps', '-a', '-q']);
  assert.equal(left.stdout, '', '--rm removed them');
});

test('run -d, ps, inspect -f, stop, rm', async () => {
  const run = await d.docker([
    'run',
    '-d',
    '--name',
    'web',
    '--label',
    'tier=front',
    d.image,
    'sleep',
    '600',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const id = run.stdout.trim();
  assert.match(id, /^[0-9a-f]{64}$/);
  const ps = await d.docker(['ps', '--format', '{{.ID}} {{.Names}} {{.Image}} {{.Command}}']);
  assert.equal(ps.stdout, `${id.slice(0, 12)} web ${d.image} "sleep 600"\n`);
  const filtered = await d.docker([
    'ps',
    '-q',
    '--filter',
    'label=tier=front',
    '--filter',
    'name=web',
  ]);
  assert.equal(filtered.stdout.trim(), id.slice(0, 12));
  const running = await d.docker([
    'inspect',
    '-f',
    '{{.State.Running}} {{.State.Status}} {{.Name}} {{.Config.Image}}',
    'web',
  ]);
  assert.equal(running.stdout, `true running /web ${d.image}\n`);
  const stop = await d.docker(['stop', '-t', '1', 'web']);
  assert.equal(stop.code, 0, stop.stderr);
  assert.equal(stop.stdout, 'web\n');
  const stopped = await d.docker([
    'inspect',
    '-f',
    '{{.State.Running}} {{.State.ExitCode}}',
    'web',
  ]);
  assert.equal(stopped.stdout, 'false 137\n');
  assert.equal((await d.docker(['ps', '-q'])).stdout, '');
  assert.equal((await d.docker(['ps', '-aq'])).stdout.trim(), id.slice(0, 12));
  const rm = await d.docker(['rm', 'web']);
  assert.equal(rm.code, 0, rm.stderr);
  assert.equal((await d.docker(['ps', '-aq'])).stdout, '');
  const missing = await d.docker(['rm', 'web']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No such container: web/);
});

test('docker logs -f follows until the container exits; --tail and stderr stay apart', async () => {
  const run = await d.docker([
    'run',
    '-d',
    '--name',
    'talker',
    d.image,
    'sh',
    '-c',
    'for i in 1 2 3; do echo line $i; echo warn $i >&2; sleep 1; done',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const follow = await d.docker(['logs', '-f', 'talker']);
  assert.equal(follow.code, 0, follow.stderr);
  assert.equal(follow.stdout, 'line 1\nline 2\nline 3\n');
  assert.equal(follow.stderr, 'warn 1\nwarn 2\nwarn 3\n');
  // --tail counts lines of both streams, as Docker's does: the last one went to stderr
  const tail = await d.docker(['logs', '--tail', '2', 'talker']);
  assert.equal(tail.stdout, 'line 3\n');
  assert.equal(tail.stderr, 'warn 3\n');
  const stamped = await d.docker(['logs', '-t', '--tail', '2', 'talker']);
  assert.match(stamped.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z line 3\n$/);
  await d.docker(['rm', 'talker']);
});

test('docker exec: output, exit code, stdin with -i; docker run -i pipes stdin until EOF', async () => {
  await d.docker(['run', '-d', '--name', 'ex', d.image, 'sleep', '600']);
  const out = await d.docker(['exec', 'ex', 'sh', '-c', 'echo in-container; exit 4']);
  assert.equal(out.code, 4);
  assert.equal(out.stdout, 'in-container\n');
  const cat = await d.docker(['exec', '-i', 'ex', 'cat'], { input: 'through stdin\n' });
  assert.equal(cat.code, 0, cat.stderr);
  assert.equal(cat.stdout, 'through stdin\n');
  const env = await d.docker([
    'exec',
    '-e',
    'X=1',
    '-w',
    '/tmp',
    'ex',
    'sh',
    '-c',
    'echo $X $(pwd)',
  ]);
  assert.equal(env.stdout, '1 /tmp\n');
  const piped = await d.docker(['run', '-i', '--rm', d.image, 'sh', '-c', 'cat; echo done'], {
    input: 'data\n',
  });
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(piped.stdout, 'data\ndone\n');
  await d.docker(['rm', '-f', 'ex']);
});

test('docker cp both ways, a missing path is the client’s "No such container:path"', async () => {
  await d.docker(['run', '-d', '--name', 'cp', d.image, 'sleep', '600']);
  const local = join(d.roots.dir, 'cp');
  await mkdir(local, { recursive: true });
  await writeFile(join(local, 'in.txt'), 'from the host\n');
  const to = await d.docker(['cp', join(local, 'in.txt'), 'cp:/tmp/in.txt']);
  assert.equal(to.code, 0, to.stderr);
  const cat = await d.docker(['exec', 'cp', 'cat', '/tmp/in.txt']);
  assert.equal(cat.stdout, 'from the host\n');
  const owner = await d.docker(['exec', 'cp', 'sh', '-c', 'stat -c "%u:%g %a" /tmp/in.txt']);
  assert.equal(owner.stdout, '0:0 644\n');
  await d.docker([
    'exec',
    'cp',
    'sh',
    '-c',
    'mkdir -p /out/sub && echo deep > /out/sub/f && ln -s /etc /out/link',
  ]);
  const from = await d.docker(['cp', 'cp:/out', join(local, 'copied')]);
  assert.equal(from.code, 0, from.stderr);
  assert.equal(await readFile(join(local, 'copied', 'sub', 'f'), 'utf8'), 'deep\n');
  const { readlink } = await import('node:fs/promises');
  assert.equal(
    await readlink(join(local, 'copied', 'link')),
    '/etc',
    'links are copied, not followed',
  );
  const missing = await d.docker(['cp', 'cp:/nope', local]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No such container:path: cp:\/nope/);
  // hostile: a link to / in the container leads to the container's /, not the host's
  await d.docker(['exec', 'cp', 'sh', '-c', 'ln -s / /escape']);
  await writeFile(join(local, 'marker'), 'm');
  const through = await d.docker(['cp', join(local, 'marker'), 'cp:/escape/tmp/']);
  assert.equal(through.code, 0, through.stderr);
  assert.equal((await d.docker(['exec', 'cp', 'cat', '/tmp/marker'])).stdout, 'm');
  await d.docker(['rm', '-f', 'cp']);
});

test('docker stats --no-stream shows the running container with Docker’s columns', async () => {
  await d.docker(['run', '-d', '--name', 'busy', '-m', '64m', d.image, 'sleep', '600']);
  const s = await d.docker([
    'stats',
    '--no-stream',
    '--format',
    '{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}',
    'busy',
  ]);
  assert.equal(s.code, 0, s.stderr);
  const [name, cpu, mem, pids] = s.stdout.trim().split('|');
  assert.equal(name, 'busy');
  assert.match(cpu ?? '', /^\d+\.\d\d%$/);
  assert.match(mem ?? '', /^[\d.]+[KMG]?i?B \/ 64MiB$/);
  assert.equal(pids, '1');
  await d.docker(['rm', '-f', 'busy']);
});

test('docker volume create / ls / inspect / rm', async () => {
  assert.equal((await d.docker(['volume', 'create', '--label', 'k=v', 'data1'])).stdout, 'data1\n');
  const ls = await d.docker(['volume', 'ls', '--format', '{{.Driver}} {{.Name}}']);
  assert.equal(ls.stdout, 'local data1\n');
  const labels = await d.docker(['volume', 'inspect', '-f', '{{.Labels.k}} {{.Scope}}', 'data1']);
  assert.equal(labels.stdout, 'v local\n');
  const run = await d.docker([
    'run',
    '--rm',
    '-v',
    'data1:/data',
    d.image,
    'sh',
    '-c',
    'echo kept > /data/f',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const read = await d.docker(['run', '--rm', '-v', 'data1:/data', d.image, 'cat', '/data/f']);
  assert.equal(read.stdout, 'kept\n');
  assert.equal((await d.docker(['volume', 'rm', 'data1'])).code, 0);
  assert.equal((await d.docker(['volume', 'ls', '-q'])).stdout, '');
  const gone = await d.docker(['volume', 'inspect', 'data1']);
  assert.equal(gone.code, 1);
});

test('events: the lifecycle with exit codes, filtered by container and type', async () => {
  const since = Math.floor(Date.now() / 1000) - 1;
  await d.docker(['run', '--name', 'ev', d.image, 'sh', '-c', 'exit 2']);
  await d.docker(['rm', 'ev']);
  const until = Math.floor(Date.now() / 1000) + 1;
  const ev = await d.docker([
    'events',
    '--since',
    String(since),
    '--until',
    String(until),
    '--filter',
    'container=ev',
    '--filter',
    'type=container',
    '--format',
    '{{.Action}} {{.Actor.Attributes.exitCode}}',
  ]);
  assert.equal(ev.code, 0, ev.stderr);
  assert.deepEqual(ev.stdout.trim().split('\n'), [
    'create <no value>',
    'start <no value>',
    'die 2',
    'destroy <no value>',
  ]);
});

test('pause, unpause, rename, restart, kill, top, wait, update keep Docker’s answers', async () => {
  // a shell with a trap: PID 1 ignores signals it has no handler for, in Docker too
  await d.docker([
    'run',
    '-d',
    '--name',
    'life',
    d.image,
    'sh',
    '-c',
    'trap "exit 7" INT; sleep 600 & wait',
  ]);
  assert.equal((await d.docker(['pause', 'life'])).code, 0);
  assert.equal(
    (
      await d.docker([
        'inspect',
        '-f',
        '{{.State.Status}} {{.State.Paused}} {{.State.Running}}',
        'life',
      ])
    ).stdout,
    'paused true true\n',
  );
  assert.equal((await d.docker(['unpause', 'life'])).code, 0);
  assert.equal((await d.docker(['rename', 'life', 'life2'])).code, 0);
  assert.equal((await d.docker(['inspect', '-f', '{{.Name}}', 'life2'])).stdout, '/life2\n');
  const top = await d.docker(['top', 'life2']);
  assert.equal(top.code, 0, top.stderr);
  assert.match(top.stdout, /sleep 600/);
  const upd = await d.docker(['update', '--memory', '32m', '--memory-swap', '64m', 'life2']);
  assert.equal(upd.code, 0, upd.stderr);
  assert.equal(
    (await d.docker(['inspect', '-f', '{{.HostConfig.Memory}}', 'life2'])).stdout,
    `${32 << 20}\n`,
  );
  const restart = await d.docker(['restart', '-t', '0', 'life2']);
  assert.equal(restart.code, 0, restart.stderr);
  assert.equal((await d.docker(['inspect', '-f', '{{.State.Running}}', 'life2'])).stdout, 'true\n');
  const waiting = d.docker(['wait', 'life2']);
  assert.equal((await d.docker(['kill', '-s', 'INT', 'life2'])).code, 0);
  const waited = await waiting;
  assert.equal(waited.stdout, '7\n');
  const again = await d.docker(['kill', 'life2']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is not running/);
  await d.docker(['rm', 'life2']);
});

test('unsupported requests are refused by name, not half-made', async () => {
  const dev = await d.docker(['run', '--rm', '--device', '/dev/fuse', d.image, 'true']);
  assert.equal(dev.code, 125);
  assert.match(dev.stderr, /HostConfig.Devices .*is not supported by Berth/);
  assert.equal((await d.docker(['ps', '-aq'])).stdout, '', 'no container was left behind');
  const swarm = await d.docker(['swarm', 'init']);
  assert.equal(swarm.code, 1);
  assert.match(swarm.stderr, /POST \/swarm\/init is not implemented by Berth/);
  // no plugins run here: an empty list, as dockerd without plugins answers
  const plugins = await d.docker(['plugin', 'ls', '-q']);
  assert.deepEqual([plugins.code, plugins.stdout], [0, '']);
});
