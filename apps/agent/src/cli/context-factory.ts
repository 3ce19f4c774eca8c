import type { Command } from 'commander';
import type { AgentClient } from './client.js';
import type { CliContext, CliIo } from './context.js';
import { DEFAULT_HOST, parseHost } from './host.js';

/** The context commands get: --host/BERTH_HOST resolved lazily (after commander read the flags). */
export function createContext(program: Command, io: CliIo): CliContext {
  let client: AgentClient | undefined;
  const socketPath = () =>
    parseHost(program.opts<{ host?: string }>().host ?? (io.env.BERTH_HOST || DEFAULT_HOST));
  return {
    io,
    client: () => {
      client ??= io.clientFor(socketPath());
      return client;
    },
    socketPath,
  };
}
