import { CommanderError } from 'commander';
import { exitCodeByCode } from '@berth/protocol';
import { AgentError, errorMessage } from '../errors.js';

/** A failed command → its message on stderr (unless commander already printed one) and exit code. */
export function reportError(err: unknown, stderr: (s: string) => void): number {
  if (err instanceof CommanderError) return exitCodeByCode.INVALID_ARGUMENT;
  if (err instanceof AgentError) {
    stderr(`berth: ${err.message}\n`);
    return exitCodeByCode[err.code];
  }
  stderr(`berth: unexpected error: ${errorMessage(err)}\n`);
  return 1;
}
