import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** Runs the real `berth` CLI against one agent's socket; returns stdout. */
export function berth(socket: string, args: string[]): string {
  return execFileSync(
    process.execPath,
    [join(repoRoot, 'apps/agent/bin/berth.js'), '--host', `unix://${socket}`, ...args],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}

export interface PsRow {
  id: string;
  name: string;
  image: string;
  state: string;
  exitCode: number | null;
}

export function ps(socket: string): PsRow[] {
  return berth(socket, ['ps', '-a', '--format', 'json'])
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PsRow);
}

/** Removes every container of an agent (test cleanup: containers outlive their agent by design). */
export function removeAllContainers(socket: string): void {
  try {
    for (const c of ps(socket)) berth(socket, ['rm', '-f', c.id]);
  } catch {
    // the agent is gone or never came up: nothing we can reach
  }
}

/** Whether the agent on `socket` answers yet, asked every 250 ms for up to `ms`. */
export async function answers(socket: string, ms = 20_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    try {
      ps(socket);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return false;
}
