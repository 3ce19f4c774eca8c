import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { bridgeConfig, portmapConfig, type BridgeNetworkConfig } from './cni-config.js';
import { cniResultSchema } from './cni-exec.js';
import { writeJsonAtomic } from './network-store.js';

const portSchema = z.object({
  hostIp: z.string(),
  hostPort: z.number(),
  containerPort: z.number(),
  protocol: z.enum(['tcp', 'udp']),
});

const pluginSchema = z.looseObject({ type: z.string() });

/** One container interface on one network, and the exact plugin configs its ADD ran. */
export const cachedAttachmentSchema = z.object({
  networkId: z.string(),
  network: z.string(),
  ifname: z.string(),
  aliases: z.array(z.string()),
  ipv4Address: z.string().nullable(),
  defaultRoute: z.boolean(),
  /** DEL runs these (in reverse), whatever has become of the network since. */
  plugins: z.array(pluginSchema),
  /** How many of `plugins` were started: saved before each ADD, so a half-done one still gets its DEL. */
  started: z.number().int(),
  /** The bridge plugin's result (prevResult of the chained plugins, ADD and DEL). */
  result: cniResultSchema.nullable(),
  /** The network's DNS server, from dnsname's result (null without DNS). */
  dnsServer: z.string().nullable(),
});
export type CachedAttachment = z.infer<typeof cachedAttachmentSchema>;

/** `<data-root>/network/cache/<id>.json`: what teardown needs, written before each step. */
export const attachmentCacheSchema = z.object({
  netns: z.string(),
  /** The name dnsname registered (its DEL removes entries by this name). */
  name: z.string(),
  loopback: z.boolean(),
  ports: z.array(portSchema),
  attachments: z.array(cachedAttachmentSchema),
  /**
   * Made ahead by the namespace pool (attached to the built-in network, no container yet): the
   * pool's to DEL until a create adopts it (see `ContainerNetworks.prewire`).
   */
  pooled: z.boolean().optional(),
});
export type AttachmentCache = z.infer<typeof attachmentCacheSchema>;

/** The cache before named networks: one bridge attachment to the built-in network. */
const legacyCacheSchema = z.object({
  netns: z.string(),
  ports: z.array(portSchema),
  bridge: cniResultSchema.nullable(),
  portmap: z.boolean(),
  loopback: z.boolean(),
});

/** Pure: a pre-networks cache → today's shape (DEL configs rebuilt from the built-in network). */
export function upgradeLegacyCache(
  raw: unknown,
  builtin: { id: string; config: BridgeNetworkConfig },
): AttachmentCache | null {
  const old = legacyCacheSchema.safeParse(raw);
  if (!old.success) return null;
  const { netns, ports, bridge, portmap, loopback } = old.data;
  const plugins = [
    bridgeConfig(builtin.config),
    ...(portmap ? [portmapConfig(builtin.config, ports)] : []),
  ];
  const attachment: CachedAttachment = {
    networkId: builtin.id,
    network: builtin.config.name,
    ifname: 'eth0',
    aliases: [],
    ipv4Address: null,
    defaultRoute: true,
    plugins,
    started: bridge ? plugins.length : 0,
    result: bridge,
    dnsServer: null,
  };
  return { netns, name: '', loopback, ports, attachments: bridge || portmap ? [attachment] : [] };
}

/** Reads and writes the per-container caches. */
export class AttachmentCacheStore {
  constructor(
    readonly dir: string,
    private readonly builtin: () => { id: string; config: BridgeNetworkConfig },
  ) {}

  private path(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /**
   * `durable: false` (no fsync) for the steps of a setup that a later durable save completes:
   * what such a step records (a plugin about to run) only matters after an agent crash — after a
   * host crash the namespace and its interfaces are gone, and host-local's leases are written
   * without fsync as well.
   */
  async save(id: string, cache: AttachmentCache, opts: { durable?: boolean } = {}): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeJsonAtomic(this.path(id), cache, { sync: opts.durable !== false });
  }

  async load(id: string): Promise<AttachmentCache | null> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.path(id), 'utf8'));
    } catch {
      return null;
    }
    const parsed = attachmentCacheSchema.safeParse(raw);
    return parsed.success ? parsed.data : upgradeLegacyCache(raw, this.builtin());
  }

  async delete(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }

  /** Every container id with a cache (for the networks-in-use index). */
  async ids(): Promise<string[]> {
    try {
      return (await readdir(this.dir))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length));
    } catch {
      return [];
    }
  }
}
