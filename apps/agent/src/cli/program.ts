import { Command, CommanderError } from 'commander';
import { AGENT_VERSION } from '../version.js';
import { COMMAND_MODULES, modulesFor, type CommandModule } from './command-table.js';
import type { CliIo } from './context.js';
import { CliExit } from './exit.js';
import { DEFAULT_HOST } from './host-default.js';

/**
 * Build the `berth` program with the commands of `modules` (all by default). Only the modules a
 * command needs are imported, so `berth --version` loads commander and nothing else. New
 * commands go in command-table.ts.
 */
export async function buildCli(
  io: CliIo,
  modules: readonly CommandModule[] = COMMAND_MODULES,
): Promise<Command> {
  const program = new Command('berth')
    .description('Berth CLI: talks to the local berth-agent over its unix socket')
    .version(AGENT_VERSION, '-v, --version', 'print the client version')
    .option('-H, --host <url>', `agent socket (env BERTH_HOST, default ${DEFAULT_HOST})`)
    .showHelpAfterError()
    // `run IMAGE CMD --flag` / `exec C CMD --flag`: flags after the image belong to the command
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  if (modules.length === 0) return program;
  const [{ createContext }, ...registers] = await Promise.all([
    import('./context-factory.js'),
    ...modules.map((m) => m.load()),
  ]);
  const ctx = createContext(program, io);
  for (const register of registers) register(program, ctx);
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
  try {
    const program = await buildCli(io, argv.length === 0 ? COMMAND_MODULES : modulesFor(argv));
    if (argv.length === 0) {
      io.stdout(program.helpInformation());
      return 0;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CliExit) return err.exitCode;
    if (err instanceof CommanderError && err.exitCode === 0) return 0;
    const { reportError } = await import('./report-error.js');
    return reportError(err, io.stderr);
  }
}
