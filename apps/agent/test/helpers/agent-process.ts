import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deathOnItsOwn } from '@berth/testkit';

export const AGENT_DIR = fileURLToPath(new URL('../..', import.meta.url));
const AGENT_BIN = join(AGENT_DIR, 'dist/bin/berth-agent.js');
const CLI_BIN = join(AGENT_DIR, 'dist/bin/berth.js');

/** Build the agent once per test file so the tests run the real compiled binaries. */
export function buildAgent(): void {
  execFileSync(
    process.execPath,
    [join(AGENT_DIR, '../../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: AGENT_DIR,
      stdio: 'inherit',
    },
  );
}

export interface Roots {
  dir: string;
  dataRoot: string;
  execRoot: string;
  socket: string;
  cleanup: () => Promise<void>;
}

export async function tempRoots(): Promise<Roots> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-agent-test-'));
  return {
    dir,
    dataRoot: join(dir, 'data'),
    execRoot: join(dir, 'run'),
    socket: join(dir, 'run', 'agent.sock'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface AgentProcess {
  proc: ChildProcess;
  stderr: () => string;
  /** Resolves when stderr contains a line matching `re`. */
  waitForLog: (re: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (by PID) and wait for the exit. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startAgent(
  roots: Roots,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
): AgentProcess {
  const proc = spawn(
    process.execPath,
    [
      AGENT_BIN,
      '--data-root',
      roots.dataRoot,
      '--exec-root',
      roots.execRoot,
      '--socket',
      roots.socket,
      '--log-level',
      'debug',
      ...extraArgs,
    ],
    { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.re.test(err)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  proc.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
    check();
  });
  proc.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    stderr: () => err,
    waitForLog: (re) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(err)) return resolve();
        waiters.push({ re, resolve });
        void exited.then(() => {
          if (!re.test(err))
            reject(new Error(`agent exited before logging ${re}; stderr:\n${err}`));
        });
      }),
    exited,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) process.kill(proc.pid!, 'SIGTERM');
      const end = await exited;
      const died = deathOnItsOwn('the agent', end.signal, err.slice(-2000));
      if (died) throw new Error(died);
      return end;
    },
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real `berth` CLI against a socket (as another uid through setpriv when asked). */
export function berth(
  socket: string,
  args: string[],
  opts: { uid?: number; input?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const [cmd, argv] =
    opts.uid === undefined
      ? [process.execPath, [CLI_BIN, ...args]]
      : [
          'setpriv',
          [
            `--reuid=${opts.uid}`,
            `--regid=${opts.uid}`,
            '--clear-groups',
            process.execPath,
            CLI_BIN,
            ...args,
          ],
        ];
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      argv,
      {
        env: { PATH: process.env.PATH ?? '', BERTH_HOST: `unix://${socket}`, ...opts.env },
        maxBuffer: 16 << 20,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // stdin gets the input (or EOF at once), so no command waits for a terminal.
    // EPIPE when the client exits before reading (a refused `docker run`): its result is the answer
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}
