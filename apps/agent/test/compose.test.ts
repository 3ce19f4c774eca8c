import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerInspect, Network, Volume } from '@berth/protocol';
import {
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

// `berth compose` against a real agent: runc containers, CNI networks with DNS, named volumes.
let roots: Roots;
let registry: TestRegistry;
let agent: AgentProcess;
let image: string;
let dir: string;
const project = `cp${randomBytes(3).toString('hex')}`;
const bridge = `bc${randomBytes(3).toString('hex')}`;
const pool = `base=10.${150 + randomInt(50)}.${randomInt(64) * 4}.0/22,size=24`;

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

function stackFile(webEnv: string, webPort: number): string {
  return `
services:
  db:
    image: \${IMAGE}
    command: ["sh", "-c", "mkdir -p /www && echo db-answer > /www/index.html && echo db-start >> /data/log && sleep 1 && touch /tmp/ready && exec httpd -f -p 8080 -h /www"]
    volumes: [dbdata:/data]
    networks:
      back:
        aliases: [database]
    healthcheck:
      test: ["CMD-SHELL", "test -e /tmp/ready"]
      interval: 200ms
      retries: 50
  app:
    image: \${IMAGE}
    command: ["sh", "-c", "echo app-start >> /data/log; wget -q -O /data/fetched http://database:8080/; exec sleep 300"]
    depends_on:
      db: { condition: service_healthy }
    volumes: ["dbdata:/data", "/scratch"]
    networks: [back, front]
    environment: [ROLE=app, FROM_SHELL]
  web:
    image: \${IMAGE}
    command: sleep 300
    depends_on: [app]
    environment: { WEB: "${webEnv}" }
    networks: [front]
    ports: ["127.0.0.1:${webPort}:80"]
networks:
  back: {}
  front: {}
volumes:
  dbdata: {}
`;
}

async function compose(...args: string[]) {
  return berth(roots.socket, ['compose', '-f', join(dir, 'compose.yaml'), '-p', project, ...args], {
    env: { IMAGE: image, FROM_SHELL: 'shell-value' },
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await compose(...args);
  assert.equal(r.code, 0, `compose ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function inspect(name: string): Promise<ContainerInspect> {
  const r = await berth(roots.socket, ['inspect', name]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as ContainerInspect[])[0]!;
}

type PsRow = { id: string; name: string; service: string; state: string; health: string | null };
const ps = async () => jsonLines<PsRow>(await ok('ps', '-a', '--format', 'json'));

before(async () => {
  buildAgent();
  roots = await tempRoots();
  dir = await mkdtemp(join(tmpdir(), 'berth-compose-'));
  registry = await startRegistry();
  image = `${registry.host}/compose/busybox:1`;
  await pushTestImage(image, await buildBusyboxImage());
  agent = startAgent(roots, [
    '--bridge',
    bridge,
    '--bridge-subnet',
    `10.${200 + randomInt(50)}.${randomInt(256)}.0/24`,
    '--default-address-pool',
    pool,
  ]);
  await agent.waitForLog(/API listening/);
});

after(async () => {
  await compose('down', '-v', '-t', '0').catch(() => null);
  await agent?.stop();
  await registry?.stop();
  await roots?.cleanup();
  await rm(dir, { recursive: true, force: true });
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    /* never created */
  }
});

test('up -d: networks, volume, then services in depends_on order, waiting for service_healthy', async () => {
  const webPort = await freePort();
  await writeFile(join(dir, 'compose.yaml'), stackFile('one', webPort));
  const out = await ok('up', '-d');
  // the image was pulled (not local yet), networks and the volume created before any container
  const lines = out.split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  assert.ok(at(/Image .* Pulled/) >= 0, out);
  assert.ok(
    at(new RegExp(`Network ${project}_back  Created`)) < at(/Container .*-db-1 {2}Created/),
    out,
  );
  assert.ok(
    at(new RegExp(`Volume ${project}_dbdata  Created`)) < at(/Container .*-db-1 {2}Created/),
    out,
  );
  assert.ok(at(/-db-1 {2}Started/) < at(/-app-1 {2}Created/), out);
  assert.ok(at(/-app-1 {2}Started/) < at(/-web-1 {2}Created/), out);

  const rows = await ps();
  assert.deepEqual(
    rows.map((r) => r.name),
    [`${project}-app-1`, `${project}-db-1`, `${project}-web-1`],
  );
  assert.ok(rows.every((r) => r.state === 'running'));
  assert.equal(rows.find((r) => r.service === 'db')?.health, 'healthy');

  // app started only once db was healthy: its line comes after db's in the shared volume,
  // and it reached db by its network alias
  const app = await inspect(`${project}-app-1`);
  const exec = (cmd: string) => berth(roots.socket, ['exec', app.id, 'sh', '-c', cmd]);
  assert.equal((await exec('cat /data/log')).stdout, 'db-start\napp-start\n');
  assert.equal((await exec('cat /data/fetched')).stdout, 'db-answer\n');
  assert.equal((await exec('echo $ROLE-$FROM_SHELL')).stdout, 'app-shell-value\n');

  // Compose v2 labels, names and network aliases
  assert.equal(app.labels['com.docker.compose.project'], project);
  assert.equal(app.labels['com.docker.compose.service'], 'app');
  assert.equal(app.labels['com.docker.compose.container-number'], '1');
  assert.equal(app.labels['com.docker.compose.oneoff'], 'False');
  assert.equal(app.labels['com.docker.compose.project.working_dir'], dir);
  assert.match(app.labels['com.docker.compose.config-hash'] ?? '', /^[0-9a-f]{64}$/);
  const db = await inspect(`${project}-db-1`);
  const back = db.networks.find((n) => n.network === `${project}_back`);
  assert.deepEqual(back?.aliases.slice().sort(), ['database', 'db', `${project}-db-1`].sort());
  assert.deepEqual(app.networks.map((n) => n.network).sort(), [
    `${project}_back`,
    `${project}_front`,
  ]);

  const nets = jsonLines<Network>(
    (await berth(roots.socket, ['network', 'ls', '--format', 'json'])).stdout,
  );
  const mine = nets.filter((n) => n.labels['com.docker.compose.project'] === project);
  assert.deepEqual(mine.map((n) => n.name).sort(), [`${project}_back`, `${project}_front`]);
});

test('up again changes nothing; after an edit only the changed service is recreated', async () => {
  const before = new Map((await ps()).map((r) => [r.service, r.id]));
  const again = await ok('up', '-d');
  assert.doesNotMatch(again, /Recreate|Created/);
  assert.deepEqual(new Map((await ps()).map((r) => [r.service, r.id])), before);

  const webPort = await freePort();
  await writeFile(join(dir, 'compose.yaml'), stackFile('two', webPort));
  const out = await ok('up', '-d');
  assert.match(out, new RegExp(`${project}-web-1  Recreate \\(config changed\\)`));
  const after = new Map((await ps()).map((r) => [r.service, r.id]));
  assert.equal(after.get('db'), before.get('db'));
  assert.equal(after.get('app'), before.get('app'));
  assert.notEqual(after.get('web'), before.get('web'));
  assert.equal((await inspect(`${project}-web-1`)).config.env.includes('WEB=two'), true);
});

test('a failed up leaves the previous version running', async () => {
  const hash = (await inspect(`${project}-web-1`)).labels['com.docker.compose.config-hash'];
  // the new version publishes a port a host process already holds: its create fails
  const busy: Server = createServer();
  const port = await new Promise<number>((resolve) =>
    busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)),
  );
  try {
    await writeFile(join(dir, 'compose.yaml'), stackFile('three', port));
    const r = await compose('up', '-d');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /in use|already allocated/);
  } finally {
    busy.close();
  }
  const web = await inspect(`${project}-web-1`);
  assert.equal(web.state, 'running');
  assert.equal(web.labels['com.docker.compose.config-hash'], hash);
  assert.equal(web.config.env.includes('WEB=two'), true);
  assert.equal((await ps()).length, 3);
});

test('down -v leaves no container, network, volume, mount, iptables rule or netns behind', async () => {
  const rows = await ps();
  const ids = rows.map((r) => r.id);
  const nets = jsonLines<Network>(
    (await berth(roots.socket, ['network', 'ls', '--format', 'json'])).stdout,
  ).filter((n) => n.labels['com.docker.compose.project'] === project);
  assert.equal(nets.length, 2);
  await ok('down', '-v', '-t', '1');

  assert.deepEqual(await ps(), []);
  const all = (await berth(roots.socket, ['ps', '-a', '--format', 'json'])).stdout;
  for (const id of ids) assert.equal(all.includes(id), false);
  const netsAfter = (await berth(roots.socket, ['network', 'ls', '--format', 'json'])).stdout;
  assert.equal(netsAfter.includes(project), false, netsAfter);
  const vols = jsonLines<Volume>(
    (await berth(roots.socket, ['volume', 'ls', '--format', 'json'])).stdout,
  );
  assert.deepEqual(
    vols.map((v) => v.name),
    [],
    'the named and the anonymous volume are gone',
  );
  const mounts = await readFile('/proc/self/mountinfo', 'utf8');
  for (const id of ids) assert.equal(mounts.includes(id), false, `mount of ${id}`);
  const netns = sh('ip', ['netns', 'list']);
  for (const id of ids) assert.equal(netns.includes(id.slice(0, 32)), false, 'netns');
  const rules = sh('iptables-save', []);
  for (const n of nets) {
    assert.equal(rules.includes(n.bridge), false, `iptables rules for ${n.bridge}`);
    assert.equal(rules.includes(`"${n.name}"`), false, `CNI chain comments for ${n.name}`);
  }
  for (const id of ids) assert.equal(rules.includes(id), false, `iptables rules of ${id}`);
  const links = sh('ip', ['-o', 'link', 'show']);
  for (const n of nets) assert.doesNotMatch(links, new RegExp(`: ${n.bridge}[:@]`));
});
