import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { freePort } from '@berth/testkit';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningWeb {
  baseUrl: string;
  databaseUrl: string;
  output: string[];
  stop(): Promise<void>;
}

/** Starts the built web (dist/server/main.js) on a free loopback port with a temp SQLite DB. */
export async function startWeb(env: Record<string, string> = {}): Promise<RunningWeb> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-web-test-'));
  const port = await freePort();
  const databaseUrl = `file:${join(dir, 'berth.db')}`;
  const child: ChildProcess = spawn(process.execPath, [join(webDir, 'dist/server/main.js')], {
    cwd: webDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (line.includes('Berth web listening on')) resolve();
      });
    }
    child.once('exit', (code) =>
      reject(new Error(`web exited (${code}) before listening:\n${output.join('\n')}`)),
    );
  });
  await ready;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    output,
    async stop() {
      if (child.exitCode === null && child.pid) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
