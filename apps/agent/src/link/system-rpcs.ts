import type { SystemInfo } from '@berth/protocol';
import type { RpcRegistry } from './rpc-registry.js';

/** `system.ping`, `system.info`. */
export function registerSystemRpcs(
  registry: RpcRegistry,
  deps: { info: () => Promise<SystemInfo> },
): void {
  registry.register('system.ping', () => ({ ts: Date.now() }));
  registry.register('system.info', () => deps.info());
}
