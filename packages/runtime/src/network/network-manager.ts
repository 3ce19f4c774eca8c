import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  bridgeConfig,
  loopbackConfig,
  portmapConfig,
  withPrevResult,
  type BridgeNetworkConfig,
} from './cni-config.js';
import { execPlugin, cniResultSchema, type CniResult } from './cni-exec.js';
import { createNetns, deleteNetns, netnsName, netnsPath } from './netns.js';
import { findPortConflict, type PortMapping } from './ports.js';
import { isHostPortFree } from './port-probe.js';
import { RuntimeError } from '../errors.js';

export type NetworkMode = 'bridge' | 'none' | 'host';

export interface NetworkAttachment {
  mode: NetworkMode;
  /** The namespace to put in config.json (null for host). */
  netnsPath: string | null;
  ip: string | null;
  gateway: string | null;
  ports: PortMapping[];
}

const portSchema = z.object({
  hostIp: z.string(),
  hostPort: z.number(),
  containerPort: z.number(),
  protocol: z.enum(['tcp', 'udp']),
});
const cacheSchema = z.object({
  netns: z.string(),
  ports: z.array(portSchema),
  bridge: cniResultSchema.nullable(),
  portmap: z.boolean(),
  loopback: z.boolean(),
});
type Cache = z.infer<typeof cacheSchema>;

export interface NetworkManagerOptions {
  dataRoot: string;
  /** Defaults: name berth, bridge berth0, subnet 10.88.0.0/16. */
  name?: string;
  bridge?: string;
  subnet?: string;
  cniPath?: string;
}

/** Per-container networking: netns + CNI (loopback, bridge/host-local, portmap); DEL uses the cached ADD. */
export class NetworkManager {
  readonly config: BridgeNetworkConfig;
  private readonly cacheDir: string;
  private readonly cniPath: string | undefined;

  constructor(o: NetworkManagerOptions) {
    this.config = {
      name: o.name ?? 'berth',
      bridge: o.bridge ?? 'berth0',
      subnet: o.subnet ?? '10.88.0.0/16',
      ipamDir: join(o.dataRoot, 'network', 'ipam'),
    };
    this.cacheDir = join(o.dataRoot, 'network', 'cache');
    this.cniPath = o.cniPath;
  }

  /** Fails with ALREADY_EXISTS when a wanted host port is taken by `taken` or by a host process. */
  async checkPorts(wanted: PortMapping[], taken: PortMapping[]): Promise<void> {
    const clash = findPortConflict(wanted, taken);
    if (clash) throw new RuntimeError('ALREADY_EXISTS', clash);
    for (const p of wanted) {
      if (!(await isHostPortFree(p))) {
        throw new RuntimeError(
          'ALREADY_EXISTS',
          `port ${p.hostIp}:${p.hostPort}/${p.protocol} is in use on the host`,
        );
      }
    }
  }

  async setup(id: string, mode: NetworkMode, ports: PortMapping[]): Promise<NetworkAttachment> {
    if (mode === 'host') return { mode, netnsPath: null, ip: null, gateway: null, ports: [] };
    const name = netnsName(id);
    const cache: Cache = { netns: name, ports, bridge: null, portmap: false, loopback: false };
    try {
      await this.save(id, cache);
      const path = await createNetns(name);
      await this.plugin('ADD', id, path, 'lo', loopbackConfig());
      cache.loopback = true;
      await this.save(id, cache);
      if (mode === 'none') return { mode, netnsPath: path, ip: null, gateway: null, ports: [] };
      cache.bridge = await this.plugin('ADD', id, path, 'eth0', bridgeConfig(this.config));
      await this.save(id, cache);
      if (ports.length > 0) {
        cache.portmap = true; // saved before ADD: a half-done portmap still gets its DEL
        await this.save(id, cache);
        await this.plugin(
          'ADD',
          id,
          path,
          'eth0',
          withPrevResult(portmapConfig(this.config, ports), cache.bridge),
        );
      }
      const ip = cache.bridge?.ips?.[0];
      return {
        mode,
        netnsPath: path,
        ip: ip?.address.split('/')[0] ?? null,
        gateway: ip?.gateway ?? null,
        ports,
      };
    } catch (err) {
      await this.teardown(id).catch(() => undefined);
      throw RuntimeError.wrap(err, `network setup for ${id}`);
    }
  }

  /** Reverse of setup; idempotent; leaves no netns, veth, iptables rule or IPAM lease. */
  async teardown(id: string): Promise<void> {
    const cache = await this.load(id);
    if (!cache) return;
    const path = netnsPath(cache.netns);
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (e) {
        errors.push(e);
      }
    };
    const prev = cache.bridge ?? undefined;
    if (cache.portmap) {
      await attempt(() =>
        this.plugin(
          'DEL',
          id,
          path,
          'eth0',
          withPrevResult(portmapConfig(this.config, cache.ports), prev),
        ),
      );
    }
    if (cache.bridge)
      await attempt(() =>
        this.plugin('DEL', id, path, 'eth0', withPrevResult(bridgeConfig(this.config), prev)),
      );
    if (cache.loopback) await attempt(() => this.plugin('DEL', id, path, 'lo', loopbackConfig()));
    await attempt(() => deleteNetns(cache.netns));
    if (errors.length > 0) throw RuntimeError.wrap(errors[0], `network teardown for ${id}`);
    await rm(this.cachePath(id), { force: true });
  }

  private plugin(
    command: 'ADD' | 'DEL',
    id: string,
    netns: string,
    ifname: string,
    config: Parameters<typeof execPlugin>[0]['config'],
  ): Promise<CniResult | null> {
    return execPlugin({ command, containerId: id, netns, ifname, config, cniPath: this.cniPath });
  }

  private cachePath(id: string): string {
    return join(this.cacheDir, `${id}.json`);
  }

  private async save(id: string, cache: Cache): Promise<void> {
    await mkdir(this.cacheDir, { recursive: true });
    const p = this.cachePath(id);
    await writeFile(`${p}.tmp`, JSON.stringify(cache));
    await rename(`${p}.tmp`, p);
  }

  private async load(id: string): Promise<Cache | null> {
    try {
      const parsed = cacheSchema.safeParse(JSON.parse(await readFile(this.cachePath(id), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
