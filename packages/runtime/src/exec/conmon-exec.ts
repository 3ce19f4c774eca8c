import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { RuntimeError } from '../errors.js';
import type { OciProcess } from '../oci-spec/types.js';
import { AttachReader } from './attach-reader.js';
import { conmonExecArgs, type ConmonExecConfig } from './conmon-exec-args.js';
import { PipeMessages } from './pipe-messages.js';
import { readPidFile, signalPid } from './proc-stat.js';

export interface LaunchedExec {
  /** conmon's pid: the exec'd process's parent (conmon is its subreaper). */
  conmonPid: number;
  /** The exec'd process's host pid. */
  pid: number;
  /** The sync pipe; its next message is the exit code. */
  sync: PipeMessages;
  reader: AttachReader;
  /** conmon's stderr (its complaints, for errors). */
  stderr(): string;
}

/**
 * Runs conmon for one interactive exec (`config.paths.dir` must not exist yet) and connects to
 * its attach socket before it starts the process: start pipe written once to let conmon set up,
 * the attach pipe says the socket listens, the reader connects, start pipe written again, the
 * sync pipe gives the process's pid. On failure everything it made is removed.
 */
export async function launchExecConmon(
  conmonPath: string,
  config: ConmonExecConfig,
  spec: OciProcess,
): Promise<LaunchedExec> {
  const p = config.paths;
  await mkdir(p.dir, { recursive: true, mode: 0o700 });
  // without its exit dir conmon 2.1.6 exits with no exit code on the sync pipe
  await mkdir(p.exitDir);
  await writeFile(p.processSpec, JSON.stringify(spec), { mode: 0o600 });
  const child = spawn(conmonPath, conmonExecArgs(config), {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
      _OCI_SYNCPIPE: '3',
      _OCI_STARTPIPE: '4',
      _OCI_ATTACHPIPE: '5',
    },
    cwd: p.dir,
    // conmon outlives the agent (see the sweep): its own session, not the agent's
    detached: true,
  });
  const pipes = child.stdio as unknown as (Readable | Writable | null)[];
  const sync = new PipeMessages(pipes[3] as Readable, 'sync');
  const start = pipes[4] as Writable;
  const attachPipe = pipes[5] as Readable;
  const attach = new PipeMessages(attachPipe, 'attach');
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  start.on('error', () => undefined);
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (e) => reject(RuntimeError.wrap(e, 'spawn conmon', 'UNAVAILABLE')));
  });
  let reader: AttachReader | null = null;
  const fail = (what: string, err?: unknown) =>
    RuntimeError.wrap(
      err ?? new Error(stderr.trim() || 'no reason given'),
      `exec: ${what}${stderr.trim() && err ? ` (conmon: ${stderr.trim()})` : ''}`,
    );
  try {
    await spawned;
    start.write('0');
    const ready = await attach.next().catch((e: unknown) => {
      throw fail('conmon did not open its attach socket', e);
    });
    if (ready.data < 0) throw fail(`attach socket: ${ready.message ?? ready.data}`);
    reader = await AttachReader.connect(p.dir);
    start.write('1');
    const started = await sync.next().catch((e: unknown) => {
      throw fail('conmon did not start the process', e);
    });
    if (started.data <= 0) throw fail(started.message?.trim() ?? `runtime error ${started.data}`);
    const conmonPid = (await readPidFile(p.conmonPidFile)) ?? child.pid ?? 0;
    start.destroy();
    attachPipe.destroy();
    child.unref();
    return { conmonPid, pid: started.data, sync, reader, stderr: () => stderr };
  } catch (err) {
    reader?.close();
    const conmonPid = await readPidFile(p.conmonPidFile);
    if (conmonPid) signalPid(conmonPid, 'SIGKILL');
    if (child.pid) signalPid(child.pid, 'SIGKILL');
    const pid = await readPidFile(p.pidFile);
    if (pid) signalPid(pid, 'SIGKILL');
    for (const s of [pipes[3], start, attachPipe, child.stderr]) s?.destroy();
    await rm(p.dir, { recursive: true, force: true });
    throw err instanceof RuntimeError ? err : RuntimeError.wrap(err, 'exec');
  }
}

/** The container's process as the runtime runs it (its config.json), the base of an exec's. */
export async function containerProcess(bundle: string): Promise<OciProcess> {
  const config = JSON.parse(await readFile(`${bundle}/config.json`, 'utf8')) as {
    process: OciProcess;
  };
  return config.process;
}
