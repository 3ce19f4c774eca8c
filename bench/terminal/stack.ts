import { buildBusyboxImage, pushTestImage } from '@berth/testkit';
import { CLI_BIN, startAgent, type BerthAgent } from '../lib/agent.js';
import { ownBridge } from '../lib/bridge.js';
import { onCleanup } from '../lib/cleanup.js';
import { runChecked } from '../lib/process.js';
import { startRegistry } from '../lib/registry.js';
import { createHost, startWeb, waitHostOnline, type BerthWeb } from '../lib/web.js';
import { BenchError } from '../lib/errors.js';

export const BRIDGE = { name: 'bbterm0', subnet: '10.215.0.0/24' };

export interface TerminalStack {
  web: BerthWeb;
  cookie: string;
  hostId: string;
  agent: BerthAgent;
  image: string;
  containerId: string;
  berth(args: readonly string[]): Promise<string>;
}

/**
 * Registry + busybox (all applets) image, the real web, one real agent enrolled through the API
 * (its own roots, socket and bridge), the image pulled with `berth pull`, and one running
 * `sleep 3600` container the web has mirrored. Everything is cleaned up by PID / ID.
 */
export async function bootTerminalStack(
  log: (l: string) => void,
  opts: { cpuProfDir?: string | undefined; agentBin?: string | undefined } = {},
): Promise<TerminalStack> {
  // --cpu-prof: V8 CPU profiles of the web and the agent, written when they stop.
  const prof = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const registry = await startRegistry();
  const image = `${registry.host}/bench/busybox-all:1`;
  await pushTestImage(image, await buildBusyboxImage({ applets: 'all', config: { Cmd: ['sh'] } }));
  const web = await startWeb({ nodeFlags: prof });
  const cookie = await web.login();
  const { hostId, joinToken } = await createHost(web, cookie, 'bench-terminal');
  await ownBridge(BRIDGE.name);
  const agent = await startAgent({
    ...(opts.cpuProfDir ? { cpuProfDir: opts.cpuProfDir } : {}),
    ...(opts.agentBin ? { bin: opts.agentBin } : {}),
    extraArgs: [
      '--server',
      web.baseURL,
      '--join-token',
      joinToken,
      '--bridge',
      BRIDGE.name,
      '--bridge-subnet',
      BRIDGE.subnet,
    ],
  });
  await waitHostOnline(web, cookie, hostId);
  log(`web ${web.baseURL} (pid ${web.pid}), agent pid ${agent.pid} online as host ${hostId}`);
  const berth = (args: readonly string[]) =>
    runChecked(process.execPath, [CLI_BIN, '--host', agent.host, ...args]);
  await berth(['pull', image]);
  const containerId = (
    await berth(['run', '-d', '--network', 'none', image, 'sleep', '3600'])
  ).trim();
  if (!/^[0-9a-f]{64}$/.test(containerId))
    throw new BenchError(`berth run -d printed no container id: ${containerId}`);
  onCleanup(`remove container ${containerId.slice(0, 12)}`, async () => {
    await berth(['rm', '-f', containerId]);
  });
  await waitMirrored(web, cookie, hostId, containerId);
  return { web, cookie, hostId, agent, image, containerId, berth };
}

async function waitMirrored(web: BerthWeb, cookie: string, hostId: string, id: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const body = await web.api<unknown>(cookie, 'GET', `/api/hosts/${hostId}/containers`);
    if (JSON.stringify(body).includes(id)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new BenchError(`the web never mirrored container ${id}`);
}
