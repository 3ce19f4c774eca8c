import { ExecInspectSchema, type ExecRequest } from '@berth/protocol';
import * as z from 'zod';
import { AgentError } from '../errors.js';
import { upgrade } from './agent-stream.js';
import type { CliContext } from './context.js';
import { pipeRawTerminal, terminalSize } from './raw-terminal.js';

/**
 * `exec -it`: opens the exec over an HTTP upgrade, puts this terminal in raw mode, copies bytes
 * both ways, sends SIGWINCH sizes to `/v1/exec/:id/resize`, and resolves with the exit code.
 */
export async function runInteractive(
  ctx: CliContext,
  ref: string,
  req: ExecRequest,
): Promise<number> {
  const { socket, head, headers } = await upgrade(
    ctx.socketPath(),
    `/v1/containers/${encodeURIComponent(ref)}/exec`,
    { ...req, tty: true, ...terminalSize() },
  );
  const execId = String(headers['x-berth-exec-id'] ?? '');
  if (!/^[0-9a-f]{32}$/.test(execId)) throw new AgentError('INTERNAL', 'the agent sent no exec ID');
  await pipeRawTerminal({
    socket,
    head,
    input: true,
    onResize: ({ cols, rows }) =>
      void ctx
        .client()
        .send('POST', `/v1/exec/${execId}/resize?h=${rows}&w=${cols}`, undefined, z.unknown())
        .catch(() => undefined),
  });
  for (let i = 0; i < 50; i++) {
    const info = await ctx.client().get(`/v1/exec/${execId}/json`, ExecInspectSchema);
    if (!info.running) return info.exitCode ?? 0;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new AgentError('UNAVAILABLE', 'the exec session ended without an exit code');
}
