import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startPrivateDockerd, type PrivateDockerd } from '@berth/testkit';
import { docker, startDockerAgent, type DockerAgent } from './helpers/docker-agent.js';

// Docker as the oracle: the same docker CLI commands against a private dockerd and against
// Berth; the `network inspect` / `inspect` fields scripts read must agree (addresses, IDs and
// subnets differ by nature: they are replaced by what they are, per side).
let berth: DockerAgent;
let dockerd: PrivateDockerd;
let dockerdConfig: string;
const tag = randomBytes(3).toString('hex');
const name = `diff-${tag}`;

interface Side {
  run: (args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;
  subnet: string;
  gateway: string;
  image: string;
}

const sides: Record<'dockerd' | 'berth', Side> = {} as never;

/** A random /24 in 10.150–199.x.0 with its gateway at .254. */
function randomSubnet(): { subnet: string; gateway: string } {
  const prefix = `10.${150 + randomInt(50)}.${randomInt(256)}`;
  return { subnet: `${prefix}.0/24`, gateway: `${prefix}.254` };
}

before(async () => {
  berth = await startDockerAgent();
  dockerd = await startPrivateDockerd();
  dockerdConfig = join(dockerd.dir, 'client-config');
  await mkdir(dockerdConfig, { recursive: true });
  sides.berth = {
    run: (args) => berth.docker(args),
    ...randomSubnet(),
    image: berth.image,
  };
  sides.dockerd = {
    run: (args) => docker(dockerd.host, dockerdConfig, args),
    ...randomSubnet(),
    image: berth.image,
  };
  const pulled = await sides.dockerd.run(['pull', '-q', berth.image]);
  assert.equal(pulled.code, 0, pulled.stderr);
});

after(async () => {
  for (const s of Object.values(sides)) {
    await s.run(['rm', '-f', `${name}-a`, `${name}-b`]);
    await s.run(['network', 'rm', name, `${name}-2`]);
  }
  await dockerd?.stop();
  await berth?.stop();
});

/** Runs the scenario on one side; every output with that side's own values made symbolic. */
async function scenario(s: Side): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const run = async (key: string, args: string[], allowFail = false) => {
    const r = await s.run(args);
    if (!allowFail) assert.equal(r.code, 0, `${key}: ${r.stderr}`);
    return r;
  };
  // a random subnet, another one when a test running beside this one has it
  let netId = '';
  for (let i = 0; !netId; i++) {
    const r = await s.run([
      'network',
      'create',
      '--subnet',
      s.subnet,
      '--gateway',
      s.gateway,
      '--label',
      'team=a',
      '--attachable',
      name,
    ]);
    if (r.code === 0) netId = r.stdout.trim();
    else if (i < 5 && /overlap/i.test(r.stderr)) Object.assign(s, randomSubnet());
    else assert.fail(`create: ${r.stderr}`);
  }
  const created2 = await run('create2', ['network', 'create', '--internal', `${name}-2`]);
  const net2Id = created2.stdout.trim();
  await run('run-a', [
    'run',
    '-d',
    '--name',
    `${name}-a`,
    '--network',
    name,
    '--network-alias',
    'db',
    s.image,
    'sleep',
    '600',
  ]);
  const aId = (await run('id', ['inspect', '-f', '{{.Id}}', `${name}-a`])).stdout.trim();
  const ip = (
    await run('ip', [
      'inspect',
      '-f',
      `{{(index .NetworkSettings.Networks "${name}").IPAddress}}`,
      `${name}-a`,
    ])
  ).stdout.trim();
  const mac = (
    await run('mac', [
      'inspect',
      '-f',
      `{{(index .NetworkSettings.Networks "${name}").MacAddress}}`,
      `${name}-a`,
    ])
  ).stdout.trim();
  const symbolic = (text: string) =>
    text
      .replaceAll(s.subnet, 'SUBNET')
      .replaceAll(s.gateway, 'GATEWAY')
      .replaceAll(netId, 'NETID')
      .replaceAll(net2Id, 'NET2ID')
      .replaceAll(aId, 'CID')
      .replaceAll(netId.slice(0, 12), 'NETSHORT')
      .replaceAll(net2Id.slice(0, 12), 'NET2SHORT')
      .replaceAll(aId.slice(0, 12), 'SHORTID')
      .replaceAll(ip, 'IP')
      .replaceAll(mac, 'MAC')
      .replace(/\b[0-9a-f]{64}\b/g, 'HEX64');
  const keep = async (key: string, args: string[]) => {
    const r = await run(key, args, true);
    out[key] = `${r.code} ${symbolic(r.stdout)}`;
  };

  await keep('net.fields', [
    'network',
    'inspect',
    '-f',
    '{{.Name}}|{{.Id}}|{{.Driver}}|{{.Scope}}|{{.Internal}}|{{.Attachable}}|{{.Ingress}}|{{.EnableIPv6}}|{{.IPAM.Driver}}|{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}|{{json .Labels}}|{{json .Options}}|{{json .ConfigFrom}}|{{.ConfigOnly}}',
    name,
  ]);
  await keep('net.containers', [
    'network',
    'inspect',
    '-f',
    '{{range $id, $c := .Containers}}{{$id}} {{$c.Name}} {{$c.IPv4Address}} {{$c.MacAddress}} {{$c.IPv6Address}} {{len $c.EndpointID}}{{end}}',
    name,
  ]);
  await keep('net2.fields', [
    'network',
    'inspect',
    '-f',
    '{{.Name}} {{.Internal}} {{len .IPAM.Config}} {{json .Labels}} {{json .Options}}',
    `${name}-2`,
  ]);
  await keep('ls', [
    'network',
    'ls',
    '--filter',
    `name=${name}`,
    '--format',
    '{{.ID}} {{.Name}} {{.Driver}} {{.Scope}} {{.Internal}} {{.IPv6}} {{.Labels}}',
  ]);
  await keep('ls.label', ['network', 'ls', '-q', '--no-trunc', '--filter', 'label=team=a']);
  await keep('ls.custom', [
    'network',
    'ls',
    '--filter',
    'type=custom',
    '--filter',
    `name=${name}`,
    '--format',
    '{{.Name}}',
  ]);
  await keep('ctr.net', [
    'inspect',
    '-f',
    '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}|{{json $v.Aliases}}|{{$v.NetworkID}}|{{$v.IPAddress}}|{{$v.IPPrefixLen}}|{{$v.Gateway}}|{{$v.MacAddress}}|{{json $v.IPAMConfig}}|{{len $v.EndpointID}};{{end}}',
    `${name}-a`,
  ]);
  await keep('ctr.top', [
    'inspect',
    '-f',
    '{{.HostConfig.NetworkMode}}|{{.NetworkSettings.IPAddress}}|{{.NetworkSettings.Gateway}}|{{.NetworkSettings.Bridge}}',
    `${name}-a`,
  ]);
  await keep('ps.filter', [
    'ps',
    '--filter',
    `network=${name}`,
    '--format',
    '{{.Names}} {{.Networks}}',
  ]);
  // a second container by the client's run flags, then connect/disconnect by the client
  await run('run-b', [
    'run',
    '-d',
    '--name',
    `${name}-b`,
    '--network',
    `${name}-2`,
    s.image,
    'sleep',
    '600',
  ]);
  await run('connect', ['network', 'connect', '--alias', 'bee', name, `${name}-b`]);
  await keep('b.nets', [
    'inspect',
    '-f',
    '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{len $v.Aliases}};{{end}}',
    `${name}-b`,
  ]);
  await keep('rm.inuse', ['network', 'rm', name]);
  await run('disconnect', ['network', 'disconnect', name, `${name}-b`]);
  await keep('b.after', [
    'inspect',
    '-f',
    '{{range $k, $v := .NetworkSettings.Networks}}{{$k}};{{end}}',
    `${name}-b`,
  ]);
  await keep('disconnect.again', ['network', 'disconnect', name, `${name}-b`]);
  await keep('create.dup', ['network', 'create', name]);
  await keep('inspect.missing', ['network', 'inspect', `${name}-nope`]);
  await run('rm', ['rm', '-f', `${name}-a`, `${name}-b`]);
  await keep('rm.net', ['network', 'rm', name, `${name}-2`]);
  await keep('ls.after', ['network', 'ls', '-q', '--filter', `name=${name}`]);
  return out;
}

test('docker network create/inspect/ls/connect/disconnect/rm: the same fields from dockerd and Berth', async () => {
  const want = await scenario(sides.dockerd);
  const got = await scenario(sides.berth);
  // exit codes and every field scripts read; error texts only where they are the contract
  const errorKeys = ['rm.inuse', 'disconnect.again', 'create.dup', 'inspect.missing'];
  const comparable = (o: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, errorKeys.includes(k) ? v.split(' ')[0] : v]),
    );
  assert.deepEqual(comparable(got), comparable(want));
});
