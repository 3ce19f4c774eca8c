/** What conmon needs to supervise one container (paths follow architecture.md's layout). */
export interface ConmonConfig {
  conmonPath: string;
  id: string;
  name: string;
  runtimeBinary: string;
  /** Runtime global args (e.g. `--root R`), passed as `--runtime-arg` each. */
  runtimeArgs: string[];
  bundle: string;
  pidFile: string;
  conmonPidFile: string;
  logPath: string;
  /** Bytes; conmon truncates and restarts the log past this size. */
  logSizeMax?: number;
  exitDir: string;
  persistDir: string;
  socketDir: string;
  exitCommand?: string;
  exitCommandArgs?: string[];
  /** `-t`: the runtime hands conmon the PTY master through a console socket. */
  terminal?: boolean;
  /**
   * `-i --leave-stdin-open`: attach clients may write stdin, and a client that goes away (an
   * agent restart, a detach) does not close it for the next one.
   */
  stdin?: boolean;
  /** With `stdin`: close the process's stdin when an attach client ends its input (no `--leave-stdin-open`). */
  stdinOnce?: boolean;
}

/** Pure: the conmon command line. */
export function conmonArgs(c: ConmonConfig): string[] {
  const a = ['--api-version', '1', '-c', c.id, '-u', c.id, '-n', c.name, '-r', c.runtimeBinary];
  a.push(...runtimeArgFlags(c.runtimeArgs));
  a.push('-b', c.bundle, '-p', c.pidFile, '-P', c.conmonPidFile, '-l', `k8s-file:${c.logPath}`);
  if (c.logSizeMax !== undefined) a.push('--log-size-max', String(c.logSizeMax));
  a.push('--exit-dir', c.exitDir, '--persist-dir', c.persistDir, '--socket-dir-path', c.socketDir);
  if (c.terminal) a.push('-t');
  if (c.stdin) a.push('-i', ...(c.stdinOnce ? [] : ['--leave-stdin-open']));
  if (c.exitCommand) {
    a.push('--exit-command', c.exitCommand);
    for (const x of c.exitCommandArgs ?? []) a.push('--exit-command-arg', x);
  }
  return a;
}

/** Pure: runtime global args as conmon takes them: `--runtime-arg --root=R` (one token per flag). */
export function runtimeArgFlags(runtimeArgs: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < runtimeArgs.length; i++) {
    const arg = runtimeArgs[i] ?? '';
    const next = runtimeArgs[i + 1];
    if (
      arg.startsWith('--') &&
      !arg.includes('=') &&
      next !== undefined &&
      !next.startsWith('--')
    ) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined.flatMap((r) => ['--runtime-arg', r]);
}

/** Pure: the sync pipe's line `{"data": <pid>}`; a negative number is an error code. */
export function parseSyncLine(line: string): { pid: number } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { error: `conmon sync pipe: not JSON: ${line.slice(0, 200)}` };
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    typeof (parsed as { data?: unknown }).data !== 'number'
  ) {
    return { error: `conmon sync pipe: unexpected message: ${line.slice(0, 200)}` };
  }
  const { data, message } = parsed as { data: number; message?: unknown };
  if (data < 0)
    return { error: typeof message === 'string' ? message : `conmon reported error ${data}` };
  return { pid: data };
}
