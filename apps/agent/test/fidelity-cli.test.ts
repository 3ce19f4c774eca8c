import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CliResult } from './helpers/docker-agent.js';
import { startOracle, type Oracle } from './helpers/oracle.js';

// The same docker CLI commands against a private dockerd and against Berth's Docker API socket:
// the exit codes, the output and the inspect fields that scripts use must be the same. Each row
// runs on dockerd first, then on Berth; `compare` names what must match (outputs are normalized
// only where an engine puts a random ID or a time there).
let o: Oracle;
let img: string;

before(async () => {
  o = await startOracle();
  img = o.busybox;
  await o.pullIntoBerth(img);
});

after(async () => {
  await o?.stop();
});

type Field = 'code' | 'stdout' | 'stderr';
interface Row {
  args: (img: string) => string[];
  compare: readonly Field[];
  input?: string;
  /** Replaces what legitimately differs between two runs (a container ID). */
  normalize?: (s: string) => string;
}

const ID = (s: string) =>
  s.replace(/\b[0-9a-f]{64}\b/g, '<id>').replace(/\b[0-9a-f]{12}\b/g, '<short-id>');
const ALL: readonly Field[] = ['code', 'stdout', 'stderr'];

type Outcome = { docker: CliResult; berth: CliResult; mismatches: string[] };

async function run(row: Row, name: string): Promise<Outcome> {
  const norm = row.normalize ?? ((s: string) => s);
  const pick = (r: CliResult) => ({
    code: r.code,
    stdout: norm(r.stdout),
    stderr: norm(r.stderr),
  });
  const opts = row.input === undefined ? {} : { input: row.input };
  const d = pick(await o.onDocker(row.args(img), opts));
  const b = pick(await o.onBerth(row.args(img), opts));
  const mismatches = row.compare
    .filter((f) => b[f] !== d[f])
    .map(
      (f) =>
        `${name} (${row.args('IMG').join(' ')}): ${f} ${JSON.stringify(d[f])} on docker, ${JSON.stringify(b[f])} on berth`,
    );
  return { docker: d, berth: b, mismatches };
}

/** One row that must match. */
async function both(row: Row, name: string): Promise<Outcome> {
  const out = await run(row, name);
  assert.deepEqual(out.mismatches, []);
  return out;
}

/** Every row runs; then every mismatch is reported at once. */
async function table(rows: Record<string, Row>): Promise<void> {
  const mismatches: string[] = [];
  for (const [name, row] of Object.entries(rows))
    mismatches.push(...(await run(row, name)).mismatches);
  assert.deepEqual(mismatches, []);
}

test('docker run: output, exit codes, env, user, workdir, entrypoint, stdin', () =>
  table({
    echo: { args: (i) => ['run', '--rm', i, 'echo', 'hi'], compare: ALL },
    'exit code': { args: (i) => ['run', '--rm', i, 'sh', '-c', 'exit 3'], compare: ALL },
    'both streams': {
      args: (i) => ['run', '--rm', i, 'sh', '-c', 'echo out; echo err >&2; exit 1'],
      compare: ALL,
    },
    'killed by a signal': {
      args: (i) => ['run', '--rm', i, 'sh', '-c', 'kill -TERM $$; sleep 5'],
      compare: ['code', 'stdout'],
    },
    'command not found': {
      args: (i) => ['run', '--rm', i, '/no/such/command'],
      compare: ['code', 'stdout'],
    },
    'not executable': {
      args: (i) => ['run', '--rm', i, '/etc/passwd'],
      compare: ['code', 'stdout'],
    },
    'env, user, workdir': {
      args: (i) => [
        ...['run', '--rm', '-e', 'A=1', '-e', 'B', '-w', '/tmp/wd', '-u', '1234:5678', i],
        ...['sh', '-c', 'echo "$A|${B-unset}|$HOME"; pwd; id; env | grep -v ^HOSTNAME= | sort'],
      ],
      compare: ALL,
    },
    'process env order': {
      args: (i) => [
        'run',
        '--rm',
        '-e',
        'Z=1',
        '-e',
        'A=2',
        '-e',
        'PATH=/bin',
        i,
        'sh',
        '-c',
        'env | grep -v ^HOSTNAME=',
      ],
      compare: ALL,
    },
    'image default user and env': {
      args: (i) => ['run', '--rm', i, 'sh', '-c', 'id; echo $PATH; echo $HOME; pwd'],
      compare: ALL,
    },
    'named user': { args: (i) => ['run', '--rm', '-u', 'nobody', i, 'id'], compare: ALL },
    hostname: { args: (i) => ['run', '--rm', '--hostname', 'h1', i, 'hostname'], compare: ALL },
    entrypoint: {
      args: (i) => ['run', '--rm', '--entrypoint', 'sh', i, '-c', 'echo "$0 $1"', 'a', 'b'],
      compare: ALL,
    },
    stdin: { args: (i) => ['run', '--rm', '-i', i, 'cat'], compare: ALL, input: 'piped\nin\n' },
    'read-only root': {
      args: (i) => ['run', '--rm', '--read-only', i, 'sh', '-c', 'touch /x 2>/dev/null; echo $?'],
      compare: ALL,
    },
    'default capabilities': {
      args: (i) => ['run', '--rm', i, 'sh', '-c', 'grep ^Cap /proc/self/status'],
      compare: ALL,
    },
    'cap-add and cap-drop': {
      args: (i) => [
        ...['run', '--rm', '--cap-add', 'NET_ADMIN', '--cap-drop', 'CHOWN', i],
        ...['sh', '-c', 'grep ^CapEff /proc/self/status'],
      ],
      compare: ALL,
    },
    'no new privileges, seccomp filter mode': {
      args: (i) => [
        'run',
        '--rm',
        i,
        'sh',
        '-c',
        'grep -E "^(NoNewPrivs|Seccomp):" /proc/self/status',
      ],
      compare: ALL,
    },
    'working dir is created': {
      args: (i) => [
        'run',
        '--rm',
        '-w',
        '/a/b/c',
        i,
        'sh',
        '-c',
        'pwd; ls -ld /a/b/c | cut -c1-10',
      ],
      compare: ALL,
    },
  }));

test('a detached container: inspect fields scripts use, exec, logs, stop, wait, rm', async () => {
  const name = 'fid-detached';
  const run = await both(
    {
      args: (i) => [
        ...['run', '-d', '--name', name, '--label', 'tier=web', '-e', 'K=v', '-w', '/srv'],
        ...['--restart', 'no', i, 'sh', '-c', 'echo started; echo oops >&2; exec sleep 600'],
      ],
      compare: ['code', 'stdout', 'stderr'],
      normalize: ID,
    },
    'run -d',
  );
  assert.equal(run.docker.stdout, '<id>\n');
  await table({
    'inspect while running': {
      args: () => [
        'inspect',
        '-f',
        [
          '{{.State.Running}} {{.State.Status}} {{.State.Paused}} {{.State.ExitCode}}',
          '{{.Name}} {{.Config.Cmd}} {{.Config.Entrypoint}} {{json .Config.Env}}',
          '{{.Config.WorkingDir}} {{json .Config.Labels}} {{.Config.User}} {{.Config.Tty}}',
          '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.AutoRemove}} {{.RestartCount}}',
          '{{.HostConfig.NetworkMode}} {{.HostConfig.Memory}} {{.HostConfig.Privileged}}',
          '{{.Path}} {{json .Args}} {{len .Id}}',
        ].join(' | '),
        name,
      ],
      compare: ALL,
    },
    'ps by name and label': {
      args: () => [
        ...['ps', '--filter', `name=${name}`, '--filter', 'label=tier=web'],
        ...['--format', '{{.Names}} {{.Command}} {{.Labels}} {{.State}}'],
      ],
      compare: ALL,
    },
    'exec output': { args: () => ['exec', name, 'sh', '-c', 'echo $K; pwd'], compare: ALL },
    'exec exit code': { args: () => ['exec', name, 'sh', '-c', 'exit 5'], compare: ALL },
    'exec as user with env': {
      args: () => ['exec', '-u', '99', '-e', 'X=y', name, 'sh', '-c', 'id; echo $X'],
      compare: ALL,
    },
    // the main process is root with group 0; an exec's own user must not inherit it
    'exec as a named user: its groups only': {
      args: () => ['exec', '-u', 'nobody', name, 'id'],
      compare: ALL,
    },
    'exec as the main user: root with group 0': { args: () => ['exec', name, 'id'], compare: ALL },
    logs: { args: () => ['logs', name], compare: ALL },
    'start an already running container': { args: () => ['start', name], compare: ALL },
    'rm a running container': { args: () => ['rm', name], compare: ['code'] },
    'stop -t 0': { args: () => ['stop', '-t', '0', name], compare: ALL },
    wait: { args: () => ['wait', name], compare: ALL },
    'inspect after stop': {
      args: () => [
        'inspect',
        '-f',
        '{{.State.Running}} {{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}',
        name,
      ],
      compare: ALL,
    },
    'ps -a shows it exited': {
      args: () => [
        'ps',
        '-a',
        '--filter',
        `name=${name}`,
        '--filter',
        'status=exited',
        '--format',
        '{{.Names}} {{.State}}',
      ],
      compare: ALL,
    },
    rm: { args: () => ['rm', name], compare: ALL },
  });
});

test('errors scripts test for: missing containers, name conflicts', async () => {
  await both(
    {
      args: (i) => ['run', '-d', '--name', 'fid-dup', i, 'sleep', '600'],
      compare: ['code'],
      normalize: ID,
    },
    'first',
  );
  await table({
    'name conflict': {
      args: (i) => ['run', '-d', '--name', 'fid-dup', i, 'true'],
      compare: ['code', 'stdout'],
    },
    'rm -f': { args: () => ['rm', '-f', 'fid-dup'], compare: ALL },
    'inspect a missing object': { args: () => ['inspect', 'fid-none'], compare: ALL },
    'image inspect fields': {
      args: (i) => [
        ...['image', 'inspect', '-f'],
        '{{json .Config.Cmd}} {{json .Config.Env}} {{.Os}} {{.Architecture}} {{len .RootFS.Layers}}',
        i,
      ],
      compare: ALL,
    },
    'inspect a missing image': { args: () => ['image', 'inspect', 'fid-none:1'], compare: ALL },
    'rm a missing container': { args: () => ['rm', 'fid-none'], compare: ALL },
    'stop a missing container': { args: () => ['stop', 'fid-none'], compare: ['code', 'stdout'] },
    'logs of a missing container': { args: () => ['logs', 'fid-none'], compare: ALL },
    'exec in a missing container': {
      args: () => ['exec', 'fid-none', 'true'],
      compare: ['code', 'stdout'],
    },
    'container inspect -f on a missing one': {
      args: () => ['container', 'inspect', '-f', '{{.Id}}', 'fid-none'],
      compare: ALL,
    },
  });
});
