import { AgentError } from '../errors.js';
import type { RpcRegistry } from './rpc-registry.js';
import { startUpgrade, type UpgradeDeps } from '../upgrade/start-upgrade.js';

/**
 * `agent.upgrade`: see upgrade/start-upgrade.ts. Once the answer is on its way, `restart` ends
 * this process so the new release takes over (systemd restarts the unit; in the background the
 * guard starts it).
 */
export function registerUpgradeRpcs(
  registry: RpcRegistry,
  deps: () => UpgradeDeps | null,
  restart: () => void,
): void {
  let busy = false;
  registry.register('agent.upgrade', async (params) => {
    const d = deps();
    if (!d) throw new AgentError('FAILED_PRECONDITION', 'this agent is not enrolled');
    if (busy) throw new AgentError('FAILED_PRECONDITION', 'an upgrade is already being prepared');
    busy = true;
    try {
      const accepted = await startUpgrade(d, params);
      setTimeout(restart, 500).unref();
      return accepted;
    } finally {
      busy = false;
    }
  });
}
