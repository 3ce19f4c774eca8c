import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildBusyboxImage,
  pushTestImage,
  startPrivateDockerd,
  type PrivateDockerd,
  type TestImage,
} from '@berth/testkit';
import {
  docker,
  startDockerAgent,
  type CliResult,
  type DockerAgent,
} from './helpers/docker-agent.js';

// Differential, with Docker as the oracle: an image built by dockerd's own builder, saved by
// dockerd (Docker 20.10's archive format), loads into Berth and runs the same; Berth's save
// (OCI layout + manifest.json) loads into dockerd and runs the same there.
let d: DockerAgent;
let dockerd: PrivateDockerd;
let app: TestImage;
let appRef: string;
const built = 'diff/app:1';

before(async () => {
  d = await startDockerAgent();
  dockerd = await startPrivateDockerd();
  app = await buildBusyboxImage({
    extraLayers: [[{ name: 'srv/from-registry', data: 'pushed by the test\n' }]],
    config: { Cmd: ['cat', '/srv/from-registry'] },
  });
  appRef = `${d.registry.host}/diff/pushed:1`;
  await pushTestImage(appRef, app);
});

after(async () => {
  await dockerd?.stop();
  await d?.stop();
});

const configDir = () => join(d.roots.dir, 'dockerd-client');

/** The docker client against the private dockerd. */
function dk(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return docker(dockerd.host, configDir(), args, { env });
}

function ok(r: CliResult, what: string): string {
  assert.equal(r.code, 0, `${what}: ${r.stderr}`);
  return r.stdout;
}

/** The inspect fields scripts read, as one line. */
const INSPECT =
  '{{.Id}}|{{json .RepoTags}}|{{json .Config}}|{{json .ContainerConfig}}|{{json .RootFS}}|' +
  '{{.Os}}|{{.Architecture}}|{{.Created}}|{{.Author}}|{{.DockerVersion}}|{{.Comment}}|{{.Container}}';

/** What the image holds, listed from inside a container (type, mode, links, content). */
const TREE_CMD = [
  'sh',
  '-c',
  'cd /srv && for f in *; do stat -c "%n %F %a %h %u:%g %s" "$f"; done; readlink link; cat hard',
];

test('an image built and saved by dockerd loads into Berth, inspects and runs the same', async () => {
  await mkdir(configDir(), { recursive: true });
  ok(await dk(['pull', d.image]), 'dockerd pull');
  const ctx = join(d.roots.dir, 'ctx');
  await mkdir(ctx, { recursive: true });
  await writeFile(
    join(ctx, 'Dockerfile'),
    [
      `FROM ${d.image}`,
      'RUN mkdir -p /srv && echo built-by-dockerd > /srv/hello && ln -s /srv/hello /srv/link && ln /srv/hello /srv/hard && chmod 4750 /srv/hello',
      'RUN rm /srv/hard && ln /srv/hello /srv/hard && mkdir /srv/empty',
      'ENV GREETING=hi',
      'LABEL origin=dockerd',
      'WORKDIR /srv',
      'USER 0:0',
      'EXPOSE 8080/tcp',
      'CMD ["cat", "/srv/link"]',
      '',
    ].join('\n'),
  );
  ok(
    await dk(['build', '--network', 'none', '-q', '-t', built, ctx], { DOCKER_BUILDKIT: '0' }),
    'build',
  );
  const archive = join(d.roots.dir, 'from-dockerd.tar');
  ok(await dk(['save', '-o', archive, built]), 'dockerd save');

  const load = await d.docker(['load', '-i', archive]);
  assert.equal(ok(load, 'berth load'), `Loaded image: ${built}\n`);
  const theirs = ok(await dk(['image', 'inspect', '-f', INSPECT, built]), 'dockerd inspect');
  const ours = ok(await d.docker(['image', 'inspect', '-f', INSPECT, built]), 'berth inspect');
  assert.equal(ours, theirs);

  const runTheirs = ok(await dk(['run', '--rm', '--network', 'none', built]), 'dockerd run');
  const runOurs = ok(await d.docker(['run', '--rm', '--network', 'none', built]), 'berth run');
  assert.equal(runOurs, 'built-by-dockerd\n');
  assert.equal(runOurs, runTheirs);
  const treeTheirs = ok(await dk(['run', '--rm', '--network', 'none', built, ...TREE_CMD]), 'tree');
  const treeOurs = ok(
    await d.docker(['run', '--rm', '--network', 'none', built, ...TREE_CMD]),
    'tree',
  );
  assert.equal(treeOurs, treeTheirs);

  const history = '{{.CreatedBy}}|{{.Comment}}';
  assert.equal(
    ok(await d.docker(['history', '--no-trunc', '--format', history, built]), 'history'),
    ok(await dk(['history', '--no-trunc', '--format', history, built]), 'history'),
  );
});

test('Berth’s docker save loads into dockerd: the same ID, and it runs the same there', async () => {
  ok(await d.docker(['pull', appRef]), 'berth pull');
  const archive = join(d.roots.dir, 'from-berth.tar');
  ok(await d.docker(['save', '-o', archive, appRef, built]), 'berth save');
  ok(await dk(['rmi', built]), 'dockerd rmi');
  const load = ok(await dk(['load', '-i', archive]), 'dockerd load');
  assert.match(load, new RegExp(`^Loaded image: ${appRef}$`, 'm'));
  assert.match(load, new RegExp(`^Loaded image: ${built}$`, 'm'));
  for (const ref of [appRef, built]) {
    assert.equal(
      ok(await dk(['image', 'inspect', '-f', INSPECT, ref]), 'dockerd inspect'),
      ok(await d.docker(['image', 'inspect', '-f', INSPECT, ref]), 'berth inspect'),
    );
  }
  assert.equal(
    ok(await d.docker(['image', 'inspect', '-f', '{{.Id}}', appRef]), 'id').trim(),
    app.configDigest,
  );
  const runTheirs = ok(await dk(['run', '--rm', '--network', 'none', appRef]), 'dockerd run');
  assert.equal(runTheirs, 'pushed by the test\n');
  assert.equal(
    ok(await d.docker(['run', '--rm', '--network', 'none', appRef]), 'berth run'),
    runTheirs,
  );
  assert.equal(
    ok(await dk(['run', '--rm', '--network', 'none', built]), 'dockerd run'),
    'built-by-dockerd\n',
  );
});

test('an image loaded from dockerd’s archive pushes from Berth and pulls back into dockerd', async () => {
  const ref = `${d.registry.host}/diff/roundtrip:1`;
  ok(await d.docker(['tag', built, ref]), 'berth tag');
  const push = ok(await d.docker(['push', ref]), 'berth push');
  const digest = /^1: digest: (sha256:[0-9a-f]{64}) size: \d+$/m.exec(push)?.[1];
  assert.ok(digest, push);
  const pull = ok(
    await dk(['pull', `${d.registry.host}/diff/roundtrip@${digest}`]),
    'dockerd pull',
  );
  assert.match(pull, new RegExp(`Digest: ${digest}`));
  const id = (r: string) => r.trim();
  assert.equal(
    id(
      ok(
        await dk([
          'image',
          'inspect',
          '-f',
          '{{.Id}}',
          `${d.registry.host}/diff/roundtrip@${digest}`,
        ]),
        'id',
      ),
    ),
    id(ok(await d.docker(['image', 'inspect', '-f', '{{.Id}}', built]), 'id')),
  );
  assert.equal(
    ok(
      await dk(['run', '--rm', '--network', 'none', `${d.registry.host}/diff/roundtrip@${digest}`]),
      'run',
    ),
    'built-by-dockerd\n',
  );
});
