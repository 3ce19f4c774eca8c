import type { AgentClient } from './client.js';

/** What commands get: output sinks and a client for the agent selected by --host/BERTH_HOST. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  clientFor: (socketPath: string) => AgentClient;
  /** Whether stdout is a terminal (progress bars redraw in place only then). */
  stdoutIsTTY?: boolean;
  /** Reads one line from stdin (null at EOF), for --password-stdin and confirmations. */
  readLine?: () => Promise<string | null>;
  /** Resolves a user-given path against the CLI's working directory. */
  cwd?: string;
}

export interface CliContext {
  io: CliIo;
  /** The client for the resolved --host (parsed lazily, after commander has read the flags). */
  client: () => AgentClient;
  /** The agent's socket path for --host (streams and upgrades that the JSON client lacks). */
  socketPath: () => string;
}

export type OutputFormat = 'text' | 'json';
