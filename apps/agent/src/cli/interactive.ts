import { ExecInspectSchema, type ExecRequest } from '@berth/protocol';
import { z } from 'zod';
import { AgentError } from '../errors.js';
import { upgrade } from './agent-stream.js';
import type { CliContext } from './context.js';

/**
 * `exec -it`: opens the exec over an HTTP upgrade, puts this terminal in raw mode, copies bytes
 * both ways, sends SIGWINCH sizes to `/v1/exec/:id/resize`, and resolves with the exit code.
 */
export async function runInteractive(
  ctx: CliContext,
  ref: string,
  req: ExecRequest,
): Promise<number> {
  const stdin = process.stdin;
  const stdout = process.stdout;
  const size = () => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 });
  const { socket, head, headers } = await upgrade(
    ctx.socketPath(),
    `/v1/containers/${encodeURIComponent(ref)}/exec`,
    { ...req, tty: true, ...size() },
  );
  const execId = String(headers['x-berth-exec-id'] ?? '');
  if (!/^[0-9a-f]{32}$/.test(execId)) throw new AgentError('INTERNAL', 'the agent sent no exec ID');
  const resize = () => {
    const { cols, rows } = size();
    void ctx
      .client()
      .send('POST', `/v1/exec/${execId}/resize?h=${rows}&w=${cols}`, undefined, z.unknown())
      .catch(() => undefined);
  };
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  if (stdin.isTTY) stdin.setRawMode(true);
  process.on('SIGWINCH', resize);
  if (head.length > 0) stdout.write(head);
  socket.on('data', (d: Buffer) => stdout.write(d));
  const onInput = (d: Buffer) => socket.write(d);
  stdin.on('data', onInput);
  stdin.resume();
  try {
    await new Promise<void>((resolve) => {
      socket.once('end', resolve);
      socket.once('close', resolve);
      socket.once('error', resolve);
    });
  } finally {
    process.off('SIGWINCH', resize);
    stdin.off('data', onInput);
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
    stdin.pause();
    socket.destroy();
  }
  for (let i = 0; i < 50; i++) {
    const info = await ctx.client().get(`/v1/exec/${execId}/json`, ExecInspectSchema);
    if (!info.running) return info.exitCode ?? 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new AgentError('UNAVAILABLE', 'the exec session ended without an exit code');
}
