import { Command, CommanderError } from 'commander';
import { exitCodeByCode } from '@berth/protocol';
import { AgentError, errorMessage } from '../errors.js';
import { AGENT_VERSION } from '../version.js';
import { registerArchiveCommands } from './commands/archive.js';
import { registerContainerCommands } from './commands/containers-all.js';
import { registerAuthCommands } from './commands/auth.js';
import { registerImagesCommands } from './commands/images.js';
import { registerInfoCommand } from './commands/info.js';
import { registerSystemCommands } from './commands/system.js';
import { registerTagCommand } from './commands/tag.js';
import { registerTransferCommands } from './commands/transfer.js';
import { registerVersionCommand } from './commands/version.js';
import type { AgentClient } from './client.js';
import type { CliContext, CliIo } from './context.js';
import { CliExit } from './exit.js';
import { DEFAULT_HOST, parseHost } from './host.js';

/** Build the `berth` program. New commands register here: `registerXCommand(program, ctx)`. */
export function buildCli(io: CliIo): Command {
  const program = new Command('berth')
    .description('Berth CLI: talks to the local berth-agent over its unix socket')
    .version(AGENT_VERSION, '-v, --version', 'print the client version')
    .option('-H, --host <url>', `agent socket (env BERTH_HOST, default ${DEFAULT_HOST})`)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  let client: AgentClient | undefined;
  const socketPath = () =>
    parseHost(program.opts<{ host?: string }>().host ?? (io.env.BERTH_HOST || DEFAULT_HOST));
  const ctx: CliContext = {
    io,
    client: () => {
      client ??= io.clientFor(socketPath());
      return client;
    },
    socketPath,
  };
  registerVersionCommand(program, ctx);
  registerInfoCommand(program, ctx);
  registerImagesCommands(program, ctx);
  registerTransferCommands(program, ctx);
  registerTagCommand(program, ctx);
  registerArchiveCommands(program, ctx);
  registerAuthCommands(program, ctx);
  registerSystemCommands(program, ctx);
  registerContainerCommands(program, ctx);
  const image = program.commands.find((c) => c.name() === 'image');
  if (image) {
    registerTransferCommands(image, ctx);
    registerTagCommand(image, ctx);
    registerArchiveCommands(image, ctx);
  }
  // Subcommands (and theirs) inherit the output settings and exit behaviour.
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Run the CLI; resolves with the process exit code. Errors go to stderr, never throw. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildCli(io);
  if (argv.length === 0) {
    io.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CliExit) return err.exitCode;
    if (err instanceof CommanderError)
      return err.exitCode === 0 ? 0 : exitCodeByCode.INVALID_ARGUMENT;
    if (err instanceof AgentError) {
      io.stderr(`berth: ${err.message}\n`);
      return exitCodeByCode[err.code];
    }
    io.stderr(`berth: unexpected error: ${errorMessage(err)}\n`);
    return 1;
  }
}
