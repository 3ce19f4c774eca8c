import { createInterface } from 'node:readline';
import { createAgentClient } from '../cli/client.js';
import { runCli } from '../cli/program.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  clientFor: createAgentClient,
  stdoutIsTTY: process.stdout.isTTY === true,
  cwd: process.cwd(),
  readLine: () =>
    new Promise<string | null>((resolve) => {
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
    }),
});
process.exitCode = code;
