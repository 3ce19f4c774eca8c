import type { AgentClient } from '../cli/client.js';
import { runCli } from '../cli/program.js';

/** The real client, imported on first use (so `berth --version` never loads it or its schemas). */
function lazyClient(socketPath: string): AgentClient {
  let real: Promise<AgentClient> | undefined;
  const client = () =>
    (real ??= import('../cli/client.js').then((m) => m.createAgentClient(socketPath)));
  return {
    get: async (path, schema) => (await client()).get(path, schema),
    send: async (method, path, body, schema) => (await client()).send(method, path, body, schema),
    stream: async (path, body, line, onLine) => (await client()).stream(path, body, line, onLine),
  };
}

async function readLine(): Promise<string | null> {
  const { createInterface } = await import('node:readline');
  return new Promise<string | null>((resolve) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve(null);
    });
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  clientFor: lazyClient,
  stdoutIsTTY: process.stdout.isTTY === true,
  cwd: process.cwd(),
  readLine,
});
process.exitCode = code;
