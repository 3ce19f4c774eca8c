import { onCleanup } from './cleanup.js';
import { linkExists } from './docker-network.js';
import { runChecked } from './process.js';

/**
 * A bridge an agent of this benchmark will create (`berth-agent --bridge NAME`): deleted at
 * cleanup if it did not exist before. Call before starting the agent, so the cleanup runs after
 * the agent (and its containers) are gone.
 */
export async function ownBridge(name: string): Promise<void> {
  if (await linkExists(name)) return;
  onCleanup(`delete bridge ${name}`, async () => {
    if (await linkExists(name)) await runChecked('ip', ['link', 'del', name]);
  });
}
