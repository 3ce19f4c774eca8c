import { existsSync } from 'node:fs';
import {
  attachmentPlugins,
  cniArgs,
  loopbackConfig,
  withPrevResult,
  withRequestedAddress,
  type BridgeNetworkConfig,
  type PluginConfig,
} from './cni-config.js';
import { execPlugin, type CniResult } from './cni-exec.js';
import {
  type AttachmentCache,
  type AttachmentCacheStore,
  type CachedAttachment,
} from './attachment-cache.js';
import {
  endpointOf,
  nextIfname,
  type NetworkAttachment,
  type NetworkEndpoint,
  type NetworkMode,
} from './endpoint.js';
import { isAttachmentLive } from './bridge-link.js';
import { createNetns, deleteNetns, netnsName, netnsPath } from './netns.js';
import type { NetnsPool } from './netns-pool.js';
import type { PortMapping } from './ports.js';
import { RuntimeError, invalidArgument, notFound } from '../errors.js';

/** Pure: deep equality of JSON values, whatever the key order (the cache's parse reorders). */
export function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** One network a container joins, resolved by the manager. */
export interface AttachSpec {
  networkId: string;
  config: BridgeNetworkConfig & { dns: boolean };
  aliases: string[];
  ipv4Address: string | null;
}

export interface SetupRequest {
  mode: NetworkMode;
  /** The container's name: what dnsname registers. */
  name: string;
  networks: AttachSpec[];
  ports: PortMapping[];
}

export interface ContainerNetworksOptions {
  caches: AttachmentCacheStore;
  cniPath?: string;
  /** Environment for the plugins (dnsname's state dir via XDG_RUNTIME_DIR). */
  env: Readonly<Record<string, string>>;
  /** Namespaces made ahead under the IDs creates will use (none: each setup makes its own). */
  pool?: NetnsPool;
}

/**
 * One container's network namespace and its CNI attachments (loopback, then per network:
 * bridge/host-local, portmap, dnsname). Every step is written to the cache before it runs, so
 * teardown — or the rollback of a failed setup or connect — DELs exactly what was ADDed.
 */
export class ContainerNetworks {
  /** networkId → ids of containers with an attachment on it (the in-use truth). */
  private readonly users = new Map<string, Set<string>>();

  constructor(private readonly o: ContainerNetworksOptions) {}

  /** Rebuilds the in-use index from the caches (agent start). */
  async loadIndex(): Promise<void> {
    this.users.clear();
    for (const id of await this.o.caches.ids()) {
      const cache = await this.o.caches.load(id);
      if (cache?.pooled) continue; // the pool's, not a container's
      for (const a of cache?.attachments ?? []) this.index(a.networkId, id, true);
    }
  }

  usersOf(networkId: string): string[] {
    return [...(this.users.get(networkId) ?? [])];
  }

  async endpoints(id: string): Promise<NetworkEndpoint[]> {
    return ((await this.o.caches.load(id))?.attachments ?? []).map(endpointOf);
  }

  async setup(id: string, req: SetupRequest): Promise<NetworkAttachment> {
    if (req.mode === 'host')
      return { mode: 'host', netnsPath: null, ip: null, gateway: null, ports: [], endpoints: [] };
    const portsOn = req.networks.findIndex((n) => !n.config.internal);
    if (req.ports.length > 0 && (req.mode === 'none' || portsOn < 0))
      throw invalidArgument('published ports need a network that is not internal');
    const name = netnsName(id);
    const cache: AttachmentCache = {
      netns: name,
      name: req.name,
      loopback: false,
      ports: req.ports,
      attachments: [],
    };
    // one fsync, at the end: the steps before it are saved for an agent crash only (see save)
    const step = { durable: false };
    // a pooled namespace already has its loopback up (and needs no loopback DEL: deleting the
    // namespace takes lo with it)
    const pooled = this.o.pool?.isTaken(id) === true && existsSync(netnsPath(name));
    try {
      // attached ahead by the pool: adopted as it is, or its attachment DELed (a failure: teardown)
      const prewired = pooled ? await this.adoptPrewired(id, req) : null;
      if (prewired) return prewired;
      await this.o.caches.save(id, cache, step);
      // the cache names the namespace now: teardown deletes it, no longer the pool
      this.o.pool?.forget(id);
      let path = netnsPath(name);
      if (!pooled) {
        path = await createNetns(name);
        await this.exec('ADD', id, path, 'lo', loopbackConfig());
        cache.loopback = true;
        await this.o.caches.save(id, cache, step);
      }
      if (req.mode === 'bridge') {
        for (const [i, spec] of req.networks.entries())
          await this.attach(id, cache, spec, i === portsOn ? req.ports : [], step);
      }
      await this.o.caches.save(id, cache);
      const endpoints = cache.attachments.map(endpointOf);
      return {
        mode: req.mode,
        netnsPath: path,
        ip: endpoints[0]?.ip ?? null,
        gateway: endpoints[0]?.gateway ?? null,
        ports: req.ports,
        endpoints,
      };
    } catch (err) {
      await this.teardown(id).catch(() => undefined);
      throw RuntimeError.wrap(err, `network setup for ${id.slice(0, 12)}`);
    }
  }

  /**
   * The pool's side: attaches a ready namespace (`berth-<id>`, loopback up) to `spec`'s network
   * with no ports, cached as `pooled` (not a container's: not in the in-use index, DELed by
   * `teardown` when the pool drops it), so a create that wants just that adopts it with no spawn.
   * A failure DELs what was ADDed and leaves the bare namespace to the caller.
   */
  async prewire(id: string, spec: AttachSpec): Promise<void> {
    const cache: AttachmentCache = {
      netns: netnsName(id),
      name: '',
      loopback: false,
      ports: [],
      attachments: [],
      pooled: true,
    };
    await this.o.caches.save(id, cache, { durable: false });
    // durable at its end: after a host reboot the next start's cleanup DELs it (host-local's lease)
    await this.attach(id, cache, spec, [], {}, false);
  }

  /**
   * A create's setup on a namespace the pool attached ahead: adopted when the request is exactly
   * that attachment (one network, the same plugin chain, no ports) and it is still live (its host
   * veth still on the bridge: a bridge deleted and made again leaves it off); otherwise its
   * attachment is DELed and the bare namespace is set up as usual (null).
   */
  private async adoptPrewired(id: string, req: SetupRequest): Promise<NetworkAttachment | null> {
    const cache = await this.o.caches.load(id);
    if (!cache?.pooled) return null;
    const a = cache.attachments[0];
    const spec = req.networks[0];
    const fits =
      req.mode === 'bridge' &&
      req.ports.length === 0 &&
      req.networks.length === 1 &&
      cache.attachments.length === 1 &&
      a !== undefined &&
      spec !== undefined &&
      a.networkId === spec.networkId &&
      a.started === a.plugins.length &&
      sameJson(a.plugins, this.planPlugins(id, { ...cache, attachments: [] }, spec, [])) &&
      isAttachmentLive(a, spec.config.bridge);
    if (!fits) {
      for (const x of [...cache.attachments].reverse()) await this.detach(id, cache, x, false);
      await this.o.caches.delete(id);
      return null;
    }
    const own: AttachmentCache = { ...cache, name: req.name, pooled: undefined };
    delete own.pooled;
    await this.o.caches.save(id, own);
    this.o.pool?.forget(id);
    this.index(a.networkId, id, true);
    const endpoints = own.attachments.map(endpointOf);
    return {
      mode: 'bridge',
      netnsPath: netnsPath(own.netns),
      ip: endpoints[0]?.ip ?? null,
      gateway: endpoints[0]?.gateway ?? null,
      ports: [],
      endpoints,
    };
  }

  /** Adds an interface on one more network (the next free ethN); undone on failure. */
  async connect(id: string, spec: AttachSpec): Promise<NetworkEndpoint> {
    const cache = await this.o.caches.load(id);
    if (!cache) throw notFound(`container ${id.slice(0, 12)} has no network namespace`);
    try {
      return endpointOf(await this.attach(id, cache, spec, []));
    } catch (err) {
      throw RuntimeError.wrap(err, `connect ${id.slice(0, 12)} to ${spec.config.name}`);
    }
  }

  async disconnect(id: string, networkId: string): Promise<void> {
    const cache = await this.o.caches.load(id);
    const a = cache?.attachments.find((x) => x.networkId === networkId);
    if (!cache || !a) throw notFound(`container ${id.slice(0, 12)} is not on network ${networkId}`);
    await this.detach(id, cache, a);
  }

  /** Reverse of setup; idempotent; leaves no netns, veth, iptables rule, lease or DNS entry. */
  async teardown(id: string): Promise<NetworkEndpoint[]> {
    const cache = await this.o.caches.load(id);
    if (!cache) {
      // a create took this ID's pooled namespace and failed before its network setup
      await this.o.pool?.discard(id);
      return [];
    }
    // a pooled attachment (the pool dropping it, or a create that took it and failed first)
    if (cache.pooled) this.o.pool?.forget(id);
    const removed = await this.teardownParts(id, cache);
    await this.o.caches.delete(id);
    return removed;
  }

  /** DELs every attachment (reverse order), then loopback, then the namespace. */
  private async teardownParts(id: string, cache: AttachmentCache): Promise<NetworkEndpoint[]> {
    const errors: unknown[] = [];
    const removed: NetworkEndpoint[] = [];
    for (const a of [...cache.attachments].reverse()) {
      try {
        await this.detach(id, cache, a);
        removed.push(endpointOf(a));
      } catch (e) {
        errors.push(e);
      }
    }
    if (cache.loopback) {
      await this.exec('DEL', id, netnsPath(cache.netns), 'lo', loopbackConfig()).catch((e) =>
        errors.push(e),
      );
    }
    await deleteNetns(cache.netns).catch((e) => errors.push(e));
    if (errors.length > 0) throw RuntimeError.wrap(errors[0], `network teardown for ${id}`);
    return removed;
  }

  /**
   * After a host reboot the namespace and everything in it (interfaces, routes) are gone, and so
   * may be the bridge, the iptables rules and dnsname's files, while the cache and host-local's
   * leases (data root) remain. Releases what the lost namespace held (every plugin's DEL: the
   * lease, portmap's rules, dnsname's entry; errors are expected and ignored), makes the
   * namespace again and re-ADDs each attachment in its order, asking for the address it had.
   * Returns the new endpoints, or null when the namespace is in place (or there is none).
   * A failure leaves things as the reboot did, so a later start tries again and remove works.
   */
  async restore(id: string): Promise<NetworkEndpoint[] | null> {
    const saved = await this.o.caches.load(id);
    if (!saved || existsSync(netnsPath(saved.netns))) return null;
    for (const a of [...saved.attachments].reverse()) await this.delPlugins(id, saved, a);
    const cache: AttachmentCache = { ...saved, loopback: false, attachments: [] };
    try {
      const path = await createNetns(saved.netns);
      await this.exec('ADD', id, path, 'lo', loopbackConfig());
      cache.loopback = true;
      await this.o.caches.save(id, cache);
      for (const a of saved.attachments) await this.readd(id, cache, a);
    } catch (err) {
      await this.undoRestore(id, cache, saved);
      throw RuntimeError.wrap(err, `network restore for ${id.slice(0, 12)}`);
    }
    return cache.attachments.map(endpointOf);
  }

  /** One lost attachment again, at its old address when it is free (else wherever IPAM says). */
  private async readd(id: string, cache: AttachmentCache, lost: CachedAttachment): Promise<void> {
    const fresh: CachedAttachment = { ...lost, started: 0, result: null, dnsServer: null };
    const ip = endpointOf(lost).ip;
    if (!ip || lost.ipv4Address) {
      await this.add(id, cache, fresh);
      return;
    }
    try {
      await this.add(id, cache, { ...fresh, plugins: withRequestedAddress(lost.plugins, ip) });
    } catch {
      await this.add(id, cache, fresh);
    }
  }

  private async undoRestore(
    id: string,
    cache: AttachmentCache,
    saved: AttachmentCache,
  ): Promise<void> {
    await this.teardownParts(id, cache).catch(() => undefined);
    await this.o.caches.save(id, saved).catch(() => undefined);
    for (const a of saved.attachments) this.index(a.networkId, id, true);
  }

  /** dnsname registers names: after a rename, DEL the old entry and ADD the new one. */
  async rename(id: string, newName: string): Promise<void> {
    const cache = await this.o.caches.load(id);
    if (!cache || cache.name === newName) return;
    const path = netnsPath(cache.netns);
    for (const a of cache.attachments) {
      const dns = a.plugins.slice(0, a.started).find((p) => p.type === 'dnsname');
      if (!dns) continue;
      const cfg = withPrevResult(dns as PluginConfig, a.result);
      await this.exec('DEL', id, path, a.ifname, cfg, cache.name);
      await this.exec('ADD', id, path, a.ifname, cfg, newName);
    }
    cache.name = newName;
    await this.o.caches.save(id, cache);
  }

  private async attach(
    id: string,
    cache: AttachmentCache,
    spec: AttachSpec,
    ports: PortMapping[],
    done: { durable?: boolean } = {},
    indexed = true,
  ): Promise<CachedAttachment> {
    if (cache.attachments.some((a) => a.networkId === spec.networkId))
      throw invalidArgument(`already on network ${spec.config.name}`);
    const defaultRoute = !spec.config.internal && !cache.attachments.some((a) => a.defaultRoute);
    const plugins = this.planPlugins(id, cache, spec, ports);
    return this.add(
      id,
      cache,
      {
        networkId: spec.networkId,
        network: spec.config.name,
        ifname: nextIfname(cache.attachments.map((x) => x.ifname)),
        aliases: spec.aliases,
        ipv4Address: spec.ipv4Address,
        defaultRoute,
        plugins,
        started: 0,
        result: null,
        dnsServer: null,
      },
      done,
      indexed,
    );
  }

  /** Pure: the plugin chain of `spec`'s attachment after those `cache` has. */
  private planPlugins(
    id: string,
    cache: AttachmentCache,
    spec: AttachSpec,
    ports: PortMapping[],
  ): PluginConfig[] {
    const defaultRoute = !spec.config.internal && !cache.attachments.some((a) => a.defaultRoute);
    return attachmentPlugins({
      net: spec.config,
      attach: { defaultRoute, ...(spec.ipv4Address ? { ip: spec.ipv4Address } : {}) },
      ports,
      // Docker also answers for the short container ID on user networks
      aliases: [...spec.aliases, id.slice(0, 12)],
    });
  }

  /**
   * ADDs one planned attachment's plugins in order; undone (DEL) when one fails. The cache is
   * saved before each ADD (for an agent crash: no fsync) and once done (`done`: durable unless
   * the caller saves durably after).
   */
  private async add(
    id: string,
    cache: AttachmentCache,
    a: CachedAttachment,
    done: { durable?: boolean } = {},
    indexed = true,
  ): Promise<CachedAttachment> {
    cache.attachments.push(a);
    if (indexed) this.index(a.networkId, id, true);
    const path = netnsPath(cache.netns);
    try {
      for (const [i, plugin] of a.plugins.entries()) {
        a.started = i + 1; // saved before ADD: a half-done plugin still gets its DEL
        await this.o.caches.save(id, cache, { durable: false });
        const prev = withPrevResult(plugin as PluginConfig, a.result);
        const out = await this.exec('ADD', id, path, a.ifname, prev, cache.name);
        if (i === 0) a.result = out;
        if (plugin.type === 'dnsname') a.dnsServer = out?.dns?.nameservers?.[0] ?? null;
      }
      await this.o.caches.save(id, cache, done);
    } catch (err) {
      await this.detach(id, cache, a).catch(() => undefined);
      throw err;
    }
    return a;
  }

  /** DELs one attachment's plugins in reverse and drops it from the cache. */
  private async detach(
    id: string,
    cache: AttachmentCache,
    a: CachedAttachment,
    durable = true,
  ): Promise<void> {
    const errors = await this.delPlugins(id, cache, a);
    if (errors.length > 0) throw errors[0];
    cache.attachments = cache.attachments.filter((x) => x !== a);
    this.index(a.networkId, id, false);
    await this.o.caches.save(id, cache, { durable });
  }

  /** DEL of every plugin of `a` that was started, in reverse; the errors (all run). */
  private async delPlugins(
    id: string,
    cache: AttachmentCache,
    a: CachedAttachment,
  ): Promise<unknown[]> {
    const path = netnsPath(cache.netns);
    const errors: unknown[] = [];
    for (const plugin of a.plugins.slice(0, a.started).reverse()) {
      await this.exec(
        'DEL',
        id,
        path,
        a.ifname,
        withPrevResult(plugin as PluginConfig, a.result),
        cache.name,
      ).catch((e: unknown) => errors.push(e));
    }
    return errors;
  }

  private index(networkId: string, id: string, on: boolean): void {
    const set = this.users.get(networkId) ?? new Set<string>();
    if (on) set.add(id);
    else set.delete(id);
    if (set.size > 0) this.users.set(networkId, set);
    else this.users.delete(networkId);
  }

  private exec(
    command: 'ADD' | 'DEL',
    id: string,
    netns: string,
    ifname: string,
    config: PluginConfig,
    name?: string,
  ): Promise<CniResult | null> {
    return execPlugin({
      command,
      containerId: id,
      netns,
      ifname,
      config,
      cniPath: this.o.cniPath,
      env: this.o.env,
      ...(name && config.type === 'dnsname' ? { args: cniArgs(name) } : {}),
    });
  }
}
