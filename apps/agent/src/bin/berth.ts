import { createAgentClient } from '../cli/client.js';
import { runCli } from '../cli/program.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  clientFor: createAgentClient,
});
process.exitCode = code;
