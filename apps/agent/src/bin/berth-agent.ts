import { parseAgentArgs } from '../config.js';
import { handleMemorySignal } from '../diagnostics.js';
import { createLogger } from '@berth/log';
import { runAgent } from '../main.js';

const parsed = parseAgentArgs(process.argv.slice(2), process.env);
if (parsed.kind === 'exit') {
  process.stdout.write(parsed.stdout);
  process.stderr.write(parsed.stderr);
  process.exit(parsed.code);
}
const log = createLogger({ name: 'agent', level: parsed.config.logLevel });
handleMemorySignal(log, process.env);
const code = await runAgent(parsed.config, log);
process.exit(code);
