import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDockerAgent, type CliResult, type DockerAgent } from './helpers/docker-agent.js';
import { cniMasqChain, hasChain, hostTraces, tracesLeft } from './helpers/leftovers.js';

// Debian's docker-compose 1.29 (Python, docker-py) against a real agent's Docker API: a project
// with two services on a user-defined network, a named volume, and depends_on with a health
// check; up -d, ps, logs, down -v; then the host is checked for every kind of leftover.
let d: DockerAgent;
let dir: string;
const project = `cp${randomBytes(3).toString('hex')}`;
const prefix = () => `10.${150 + randomInt(50)}.${randomInt(256)}`;
let subnet = prefix();

const COMPOSE_FILE = `
services:
  db:
    image: \${IMAGE}
    command: ["sh", "-c", "echo db starting; sleep 1; echo ready > /data/state; echo db ready; exec sleep 600"]
    volumes: ["data:/data"]
    networks: ["back"]
    healthcheck:
      test: ["CMD", "test", "-f", "/data/state"]
      interval: 1s
      timeout: 5s
      retries: 30
  web:
    image: \${IMAGE}
    command: ["sh", "-c", "cat /data/state; nslookup -type=a db >/dev/null && echo web resolved db; ping -c1 -W5 db >/dev/null && echo web reached db; exec sleep 600"]
    volumes: ["data:/data:ro"]
    networks:
      back:
        ipv4_address: \${WEB_IP}
        aliases: ["www"]
    depends_on:
      db:
        condition: service_healthy
networks:
  back:
    labels: { tier: back }
    ipam:
      config:
        - subnet: \${SUBNET}
volumes:
  data: {}
`;

function compose(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      '/usr/bin/docker-compose',
      ['--no-ansi', '-p', project, ...args],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          DOCKER_HOST: d.host,
          DOCKER_CONFIG: join(dir, 'docker-config'),
          IMAGE: d.image,
          SUBNET: `${subnet}.0/24`,
          WEB_IP: `${subnet}.80`,
          COMPOSE_HTTP_TIMEOUT: '120',
        },
        timeout: 300_000,
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function ok(args: readonly string[]): Promise<string> {
  const r = await compose(args);
  assert.equal(r.code, 0, `docker-compose ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout + r.stderr;
}

async function dockerOk(...args: string[]): Promise<string> {
  const r = await d.docker(args);
  assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  d = await startDockerAgent({ applets: 'all' });
  dir = join(d.roots.dir, 'project');
  await mkdir(join(dir, 'docker-config'), { recursive: true });
  await writeFile(join(dir, 'docker-compose.yml'), COMPOSE_FILE);
});

after(async () => {
  if (dir) await compose(['down', '-v', '--timeout', '1']);
  await d?.stop();
});

test('docker-compose up -d, ps, logs, down -v: two services, a network, a volume, service_healthy', async () => {
  // a subnet of its own: another one when a test running beside this one has it
  let first = await compose(['up', '-d']);
  for (let i = 0; first.code !== 0 && i < 5 && /overlaps/.test(first.stderr); i++) {
    subnet = prefix();
    first = await compose(['up', '-d']);
  }
  assert.equal(first.code, 0, first.stderr);
  const up = first.stdout + first.stderr;
  assert.match(up, new RegExp(`Creating network "${project}_back"`));
  assert.match(up, new RegExp(`Creating volume "${project}_data"`));

  const ps = await ok(['ps']);
  for (const svc of ['db', 'web']) assert.match(ps, new RegExp(`${project}_${svc}_1 .* Up`));
  assert.match(ps, new RegExp(`${project}_db_1 .*\\(healthy\\)`));
  assert.match(
    await dockerOk('ps', '--filter', `name=${project}_db_1`, '--format', '{{.Status}}'),
    /^Up .* \(healthy\)$/m,
  );
  const psq = (await compose(['ps', '-q'])).stdout.split('\n').filter(Boolean);
  assert.equal(psq.length, 2);

  // web started only once db was healthy: it read the state db wrote, resolved and reached db
  let logs = '';
  for (let i = 0; i < 100 && !/web reached db/.test(logs); i++) {
    logs = await ok(['logs', '--no-color', 'web']);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(logs, /^web_1\s+\| ready$/m);
  assert.match(logs, /web resolved db/);
  assert.match(logs, /web reached db/);
  assert.match(await ok(['logs', '--no-color', 'db']), /db_1\s+\| db ready/);

  // what compose made, as the docker client sees it
  const net = JSON.parse(await dockerOk('network', 'inspect', `${project}_back`))[0];
  assert.equal(net.Labels['com.docker.compose.project'], project);
  assert.equal(net.Labels.tier, 'back');
  assert.equal(Object.keys(net.Containers).length, 2);
  const web = JSON.parse(await dockerOk('inspect', `${project}_web_1`))[0];
  const ep = web.NetworkSettings.Networks[`${project}_back`];
  assert.ok(ep.Aliases.includes('web'), 'the service name is an alias');
  assert.ok(ep.Aliases.includes(web.Id.slice(0, 12)), 'with the short ID compose checks');
  assert.ok(ep.Aliases.includes('www'), 'and the aliases of the file');
  assert.equal(ep.IPAddress, `${subnet}.80`, 'the ipv4_address of the file');
  assert.deepEqual(net.IPAM.Config, [{ Subnet: `${subnet}.0/24`, Gateway: `${subnet}.1` }]);
  assert.equal(web.Config.Labels['com.docker.compose.service'], 'web');
  const vol = JSON.parse(await dockerOk('volume', 'inspect', `${project}_data`))[0];
  assert.equal(vol.Labels['com.docker.compose.project'], project);
  const bridge = (await dockerOk('network', 'inspect', '-f', '{{.Id}}', `${project}_back`)).trim();
  const ids = Object.keys(net.Containers as Record<string, unknown>);
  // each container's masquerade chain is there while it runs (so its absence later means something)
  const chains = ids.map((id) => cniMasqChain(`${project}_back`, id));
  const running = hostTraces().iptables;
  for (const c of chains) assert.ok(hasChain(running, c), `chain ${c} while running`);

  // a second up changes nothing: compose finds the network as its file describes it (driver,
  // options, IPAM, labels) and the containers' config hashes unchanged
  const again = await ok(['up', '-d']);
  assert.match(again, new RegExp(`${project}_db_1 is up-to-date`));
  assert.match(again, new RegExp(`${project}_web_1 is up-to-date`));

  const down = await ok(['down', '-v', '--timeout', '1']);
  assert.match(down, new RegExp(`Removing network ${project}_back`));
  assert.match(down, new RegExp(`Removing volume ${project}_data`));

  assert.equal(await dockerOk('ps', '-a', '-q'), '', 'no container');
  assert.deepEqual(
    (await dockerOk('network', 'ls', '--format', '{{.Name}}')).trim().split('\n'),
    ['bridge', 'host', 'none'],
    'no network',
  );
  assert.equal(await dockerOk('volume', 'ls', '-q'), '', 'no volume');
  const left = tracesLeft(hostTraces(), {
    containerIds: ids,
    bridges: [`br-${bridge.slice(0, 12)}`],
    paths: [d.roots.dataRoot],
    chains,
  });
  assert.deepEqual(left, [], 'no netns, mount, bridge or iptables chain');
});
