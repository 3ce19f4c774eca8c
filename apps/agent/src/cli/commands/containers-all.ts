import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerExecCommand } from './exec.js';
import { registerLifecycleCommands } from './containers-lifecycle.js';
import { registerRunCommands } from './containers-run.js';
import { registerContainerViewCommands } from './containers-view.js';
import { registerVolumeCommands } from './volumes.js';

/** Every container command: run/create, lifecycle, ps/inspect/logs/top/stats/events, exec, volume. */
export function registerContainerCommands(program: Command, ctx: CliContext): void {
  // `run IMAGE CMD --flag` / `exec C CMD --flag`: flags after the image belong to the command
  program.enablePositionalOptions();
  registerRunCommands(program, ctx);
  registerLifecycleCommands(program, ctx);
  registerContainerViewCommands(program, ctx);
  registerExecCommand(program, ctx);
  registerVolumeCommands(program, ctx);
}
