import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLogged, stopPid } from '@berth/testkit';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

export interface RealAgent {
  readonly pid: number;
  log(): string;
  /** Stops the agent by its PID and removes its roots (containers must be removed first). */
  stop(): Promise<void>;
}

/**
 * The repo's built agent binary (run as a process, not imported: the web depends on no app),
 * enrolled to `server` with a join token, in its own data/exec roots and bridge name.
 */
export function startRealAgent(server: string, joinToken: string): RealAgent {
  const dir = mkdtempSync(join(tmpdir(), 'berth-web-agent-'));
  const logFile = join(dir, 'agent.log');
  const child = startLogged(
    process.execPath,
    [
      join(repoRoot, 'apps/agent/bin/berth-agent.js'),
      '--server',
      server,
      '--join-token',
      joinToken,
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      join(dir, 'run'),
      '--socket',
      join(dir, 'run', 'agent.sock'),
      '--bridge',
      `bw${dir
        .slice(-6)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '0')}`,
    ],
    { ...process.env },
    logFile,
  );
  const pid = child.pid!;
  return {
    pid,
    log: () => readFileSync(logFile, 'utf8'),
    async stop() {
      await stopPid(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
