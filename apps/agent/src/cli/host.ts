import { isAbsolute } from 'node:path';
import { AgentError } from '../errors.js';

export { DEFAULT_HOST } from './host-default.js';

/** `--host` / BERTH_HOST → the agent's unix socket path. Only `unix://<absolute path>` for now. */
export function parseHost(value: string): string {
  const m = /^unix:\/\/(.+)$/.exec(value);
  if (!m || !isAbsolute(m[1]!)) {
    throw new AgentError(
      'INVALID_ARGUMENT',
      `--host must look like unix:///run/berth/agent.sock, got "${value.slice(0, 200)}"`,
    );
  }
  return m[1]!;
}
