import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { startDockerAgent, type DockerAgent } from './helpers/docker-agent.js';

// dockerode (docker-modem underneath) as an SDK would use the Docker API, against Berth.
let d: DockerAgent;
let sdk: Docker;

before(async () => {
  d = await startDockerAgent();
  sdk = new Docker({ socketPath: d.dockerSocket });
});

after(async () => {
  await d?.stop();
});

/** Splits Docker's multiplexed stream with the SDK's own demuxer. */
function demux(buf: Buffer): { stdout: string; stderr: string } {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const src = new PassThrough();
  sdk.modem.demuxStream(src, out, err);
  src.end(buf);
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

test('ping, version and info', async () => {
  assert.equal(String(await sdk.ping()), 'OK');
  const v = await sdk.version();
  assert.equal(v.ApiVersion, '1.41');
  const info = await sdk.info();
  assert.equal(info.OSType, 'linux');
});

test('create, start, logs, wait, remove', async () => {
  const c = await sdk.createContainer({
    Image: d.image,
    Cmd: ['sh', '-c', 'echo to-stdout; echo to-stderr >&2; exit 6'],
    Labels: { sdk: 'dockerode' },
    HostConfig: { Memory: 32 << 20 },
  });
  const inspected = await c.inspect();
  assert.equal(inspected.State.Status, 'created');
  assert.equal(inspected.HostConfig.Memory, 32 << 20);
  assert.equal(inspected.Config.Labels.sdk, 'dockerode');
  const waiting = c.wait({ condition: 'next-exit' });
  await c.start();
  const result = (await waiting) as { StatusCode: number };
  assert.equal(result.StatusCode, 6);
  const logs = (await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  await new Promise((r) => setImmediate(r));
  const split = demux(logs);
  await new Promise((r) => setImmediate(r));
  assert.equal(split.stdout, 'to-stdout\n');
  assert.equal(split.stderr, 'to-stderr\n');
  const listed = await sdk.listContainers({ all: true, filters: { label: ['sdk=dockerode'] } });
  assert.deepEqual(
    listed.map((x) => x.Id),
    [c.id],
  );
  assert.equal(listed[0]?.State, 'exited');
  await c.remove();
  await assert.rejects(c.inspect(), (err: { statusCode?: number }) => err.statusCode === 404);
});

test('attach (hijacked) before start streams the output; exec reports its exit code', async () => {
  const c = await sdk.createContainer({
    Image: d.image,
    Cmd: ['sh', '-c', 'echo attached-out; sleep 600'],
    Tty: false,
  });
  const stream = await c.attach({ stream: true, stdout: true, stderr: true, hijack: true });
  let raw = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => (raw = Buffer.concat([raw, chunk])));
  await c.start();
  for (let i = 0; i < 100 && !raw.toString().includes('attached-out'); i++)
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setImmediate(r));
  assert.equal(demux(raw).stdout, 'attached-out\n');
  const exec = await c.exec({
    Cmd: ['sh', '-c', 'echo from-exec; exit 9'],
    AttachStdout: true,
    AttachStderr: true,
  });
  const es = await exec.start({ hijack: true, stdin: false });
  let execOut = Buffer.alloc(0);
  es.on('data', (chunk: Buffer) => (execOut = Buffer.concat([execOut, chunk])));
  await new Promise((r) => es.once('end', r));
  assert.equal(demux(execOut).stdout, 'from-exec\n');
  const ei = await exec.inspect();
  assert.equal(ei.ExitCode, 9);
  assert.equal(ei.Running, false);
  const stats = (await c.stats({ stream: false })) as unknown as {
    memory_stats: { usage?: number };
    cpu_stats: { online_cpus?: number };
  };
  assert.ok((stats.memory_stats.usage ?? 0) > 0);
  assert.ok((stats.cpu_stats.online_cpus ?? 0) >= 1);
  await c.remove({ force: true });
});

test('volumes through the SDK', async () => {
  const v = await sdk.createVolume({ Name: 'sdkvol', Labels: { a: 'b' } });
  assert.equal(v.name, 'sdkvol');
  assert.deepEqual(((await v.inspect()) as { Labels: Record<string, string> }).Labels, { a: 'b' });
  const list = await sdk.listVolumes({ filters: { label: ['a=b'] } });
  assert.deepEqual(
    list.Volumes.map((x) => x.Name),
    ['sdkvol'],
  );
  await sdk.getVolume('sdkvol').remove();
  assert.deepEqual((await sdk.listVolumes()).Volumes, []);
});
