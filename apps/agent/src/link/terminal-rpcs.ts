import type { TerminalRegistry } from '../terminals/registry.js';
import type { RpcRegistry } from './rpc-registry.js';

/** `terminal.*` RPCs (input and acks arrive as server events: see dashboard.ts). */
export function registerTerminalRpcs(
  registry: RpcRegistry,
  deps: { terminals: TerminalRegistry },
): void {
  const t = deps.terminals;
  registry.register('terminal.open', async (p) => ({ ok: true as const, ...(await t.open(p)) }));
  registry.register('terminal.resize', (p) => {
    t.resize(p.sessionId, p.cols, p.rows);
    return { ok: true as const };
  });
  registry.register('terminal.close', (p) => ({ ok: true as const, closed: t.close(p.sessionId) }));
  registry.register('terminal.detach', (p) => ({
    ok: true as const,
    detached: t.detach(p.sessionId),
  }));
  registry.register('terminal.attach', (p) => ({
    ok: true as const,
    ...t.attach(p.sessionId, p.cols, p.rows),
  }));
}
