import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DOCKER_CLI } from '@berth/testkit';
import { startDockerAgent, type DockerAgent } from './helpers/docker-agent.js';

// `docker run -it` / `docker exec -it` need a terminal: `script` gives the client a pty.
let d: DockerAgent;

before(async () => {
  d = await startDockerAgent();
});

after(async () => {
  await d?.stop();
});

interface Session {
  /** Resolves once the output (control sequences included) matches. */
  waitFor: (re: RegExp) => Promise<void>;
  type: (s: string) => void;
  output: () => string;
  exited: Promise<number>;
}

/** Runs a docker command on a pty of 100×30 columns. */
function onTerminal(args: string): Session {
  const command = `stty cols 100 rows 30; exec ${DOCKER_CLI} ${args}`;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: {
      PATH: process.env.PATH ?? '',
      DOCKER_HOST: d.host,
      DOCKER_CONFIG: join(d.roots.dir, 'docker-config'),
      TERM: 'xterm',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  const onData = (c: Buffer) => {
    out += c.toString('utf8');
    for (const w of [...waiters])
      if (w.re.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code) => resolve(code ?? -1)),
  );
  return {
    waitFor: (re) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(out)) return resolve();
        waiters.push({ re, resolve });
        void exited.then(() =>
          re.test(out)
            ? resolve()
            : reject(new Error(`exited before ${re}: ${JSON.stringify(out)}`)),
        );
      }),
    type: (s) => child.stdin.write(s),
    output: () => out,
    exited,
  };
}

/** Types a command once the shell has drawn its prompt (ash may flush typed-ahead input). */
async function shell(s: Session, command: string, expect: RegExp): Promise<void> {
  await s.waitFor(/# /);
  s.type(`${command}\r`);
  await s.waitFor(expect);
}

test('docker run -it: a shell on a terminal of the client’s size, its exit code returned', async () => {
  const s = onTerminal(`run -it --rm ${d.image} sh`);
  await shell(s, 'echo $((6*7))', /\r\n42\r\n/);
  await shell(s, 'stty size', /\r\n30 100\r\n/);
  await shell(s, 'exit 5', /exit 5/);
  assert.equal(await s.exited, 5);
  assert.equal((await d.docker(['ps', '-aq'])).stdout, '', '--rm removed it');
});

test('docker exec -it: a shell in a running container; its exit code returned', async () => {
  await d.docker(['run', '-d', '--name', 'box', d.image, 'sleep', '600']);
  const s = onTerminal('exec -it box sh');
  await shell(s, 'echo $((7*6))', /\r\n42\r\n/);
  await shell(s, 'stty size', /\r\n30 100\r\n/);
  await shell(s, 'exit 4', /exit 4/);
  assert.equal(await s.exited, 4);
  await d.docker(['rm', '-f', 'box']);
});

test('ctrl-p ctrl-q detaches the client and leaves the container running', async () => {
  const s = onTerminal(`run -it --name detached ${d.image} sh`);
  await shell(s, 'echo attached', /\r\nattached\r\n/);
  s.type('\x10\x11');
  assert.equal(await s.exited, 0);
  const state = await d.docker(['inspect', '-f', '{{.State.Running}}', 'detached']);
  assert.equal(state.stdout, 'true\n');
  await d.docker(['rm', '-f', 'detached']);
});
