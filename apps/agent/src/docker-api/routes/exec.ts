import type { ExecRequest } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { DockerRouteDeps } from '../deps.js';
import { DEFAULT_DETACH_KEYS, DetachKeyScanner, parseDetachKeys } from '../http/detach-keys.js';
import { encodeFrames } from '../http/frames.js';
import type { HijackConnection } from '../http/hijack.js';
import { Reply } from '../http/reply.js';
import type { DockerRouter } from '../http/router.js';
import { validateBody } from '../http/body.js';
import { toDockerExecInspect, type ExecInstance } from '../exec/registry.js';
import { ExecCreateBodySchema, ExecStartBodySchema, type ExecCreateBody } from '../types/exec.js';
import { findContainer } from './lookup.js';
import { sizeQuery } from './size-query.js';

const RAW = 'application/vnd.docker.raw-stream';
const MULTIPLEXED = 'application/vnd.docker.multiplexed-stream';

/** Pure: a Docker exec config → Berth's exec request. */
export function toExecRequest(cfg: ExecCreateBody): ExecRequest {
  return {
    cmd: cfg.Cmd,
    env: (cfg.Env ?? []).filter((e) => /^[^=]+=/.test(e)),
    ...(cfg.User ? { user: cfg.User } : {}),
    ...(cfg.WorkingDir ? { workdir: cfg.WorkingDir } : {}),
    ...(cfg.Privileged ? { privileged: true } : {}),
  };
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AgentError('INVALID_ARGUMENT', 'invalid JSON in the exec start body');
  }
}

/** Client stdin → `write`, watching for the detach keys; `end` on EOF (the client's CloseWrite). */
function pipeInput(
  conn: HijackConnection,
  keys: Buffer,
  write: (d: Buffer) => void,
  onDetach: () => void,
  onEnd: () => void,
): void {
  if (!conn.input) return;
  const scanner = new DetachKeyScanner(keys);
  conn.input.on('data', (d: Buffer) => {
    const r = scanner.push(d);
    if (r.forward.length) write(r.forward);
    if (r.detach) onDetach();
  });
  conn.input.once('end', onEnd);
  conn.input.resume();
}

/** `POST /containers/{id}/exec`, `POST /exec/{id}/start|resize`, `GET /exec/{id}/json`. */
export function registerExecRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const c = deps.containers;
  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/exec',
    body: ExecCreateBodySchema,
    handler: ({ params, body }) => {
      const rec = findContainer(c, params.name!);
      if (rec.state !== 'running')
        throw new AgentError(
          'FAILED_PRECONDITION',
          rec.state === 'paused'
            ? `Container ${rec.id} is paused, unpause the container before exec`
            : `Container ${rec.id} is not running`,
        );
      if (body.DetachKeys) parseDetachKeys(body.DetachKeys);
      toExecRequest(body);
      return Reply.created({ Id: deps.execs.create(rec.id, body).id });
    },
  });

  router.add({
    method: 'GET',
    path: '/exec/{id}/json',
    handler: ({ params }) => toDockerExecInspect(deps.execs.get(params.id!)),
  });

  router.add({
    method: 'POST',
    path: '/exec/{id}/resize',
    handler: ({ params, query }) => {
      const inst = deps.execs.get(params.id!);
      const size = sizeQuery(query);
      if (!size) return new Reply(200);
      if (!inst.resize) {
        if (inst.config.Tty && !inst.started) return new Reply(200);
        throw new AgentError('FAILED_PRECONDITION', `exec ${inst.id} has no running terminal`);
      }
      inst.resize(size);
      return new Reply(200);
    },
  });

  router.addHijack({
    method: 'POST',
    path: '/exec/{id}/start',
    handler: async ({ params, body, conn }) => {
      const inst = deps.execs.get(params.id!);
      const start = validateBody(ExecStartBodySchema, parseJson(body));
      const rec = findContainer(c, inst.containerId);
      if (rec.state !== 'running')
        throw new AgentError('FAILED_PRECONDITION', `Container ${rec.id} is not running`);
      if (inst.started)
        throw new AgentError(
          'FAILED_PRECONDITION',
          `Error: Exec command ${inst.id} has already run`,
        );
      const tty = start.Tty ?? inst.config.Tty ?? false;
      const keys = parseDetachKeys(inst.config.DetachKeys || DEFAULT_DETACH_KEYS);
      if (start.Detach) return startDetached(deps, inst, conn);
      if (tty) await startTty(deps, inst, conn, keys, start.ConsoleSize ?? inst.config.ConsoleSize);
      else await startPiped(deps, inst, conn, keys);
    },
  });
}

/** `Detach: true`: run it, answer at once; the exit code is kept for inspect. */
async function startDetached(deps: DockerRouteDeps, inst: ExecInstance, conn: HijackConnection) {
  const proc = await deps.containers.openExecProcess(inst.containerId, toExecRequest(inst.config));
  deps.execs.begin(inst, proc.pid);
  proc.stdin.end();
  proc.stdout.resume();
  proc.stderr.resume();
  void proc.exited.then((e) => deps.execs.finish(inst, e.exitCode));
  conn.begin('application/json');
  conn.end();
}

async function startTty(
  deps: DockerRouteDeps,
  inst: ExecInstance,
  conn: HijackConnection,
  keys: Buffer,
  consoleSize: readonly number[] | null | undefined,
): Promise<void> {
  const [rows = 24, cols = 80] = consoleSize && consoleSize[0] && consoleSize[1] ? consoleSize : [];
  const c = deps.containers;
  const id = await c.openTerminal(inst.containerId, toExecRequest(inst.config), { cols, rows });
  const session = c.execs.get(id);
  deps.execs.begin(inst, session.pid);
  inst.resize = (size) => session.resize(size);
  conn.begin(RAW);
  session.onData((d) => conn.output.write(d));
  if (inst.config.AttachStdin)
    pipeInput(
      conn,
      keys,
      (d) => session.write(d),
      () => conn.end(),
      () => undefined,
    );
  void session.exited.then((e) => {
    deps.execs.finish(inst, e.exitCode);
    // let the last output drain, then close our half
    setTimeout(() => conn.end(), 20);
  });
}

async function startPiped(
  deps: DockerRouteDeps,
  inst: ExecInstance,
  conn: HijackConnection,
  keys: Buffer,
): Promise<void> {
  const proc = await deps.containers.openExecProcess(inst.containerId, toExecRequest(inst.config));
  deps.execs.begin(inst, proc.pid);
  conn.begin(MULTIPLEXED);
  const out = (stream: 'stdout' | 'stderr') => (d: Buffer) => {
    if (!conn.closed) conn.output.write(encodeFrames(stream, d));
  };
  proc.stdout.on('data', inst.config.AttachStdout === false ? () => undefined : out('stdout'));
  proc.stderr.on('data', inst.config.AttachStderr === false ? () => undefined : out('stderr'));
  if (inst.config.AttachStdin && conn.input)
    pipeInput(
      conn,
      keys,
      (d) => proc.stdin.write(d),
      () => conn.end(),
      () => proc.stdin.end(),
    );
  else proc.stdin.end();
  void proc.exited.then((e) => {
    deps.execs.finish(inst, e.exitCode);
    conn.end();
  });
}
