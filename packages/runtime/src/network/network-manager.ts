import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type BridgeNetworkConfig } from './cni-config.js';
import { AttachmentCacheStore } from './attachment-cache.js';
import {
  createBridge,
  pinBridgeMac,
  deleteBridge,
  interfaceExists,
  removeDnsAcceptRule,
  stopNetworkDnsmasq,
} from './bridge-link.js';
import { ContainerNetworks, type AttachSpec } from './container-networks.js';
import { createReadyNetns, deleteNetnsAll, netnsName } from './netns.js';
import { NetnsPool } from './netns-pool.js';
import type { NetworkAttachment, NetworkEndpoint, NetworkMode } from './endpoint.js';
import { readHostRoutes } from './host-routes.js';
import { firstHost, formatIPv4, parseCidr, type Cidr } from './ipv4.js';
import {
  builtinNetworkId,
  findNetwork,
  newNetworkId,
  type NetworkRecord,
} from './network-record.js';
import {
  planNetwork,
  validateAlias,
  validateStaticAddress,
  type CreateNetworkInput,
} from './network-plan.js';
import { NetworkStore } from './network-store.js';
import { findPortConflict, type PortMapping } from './ports.js';
import { isHostPortFree } from './port-probe.js';
import { DEFAULT_ADDRESS_POOLS, type AddressPool } from './subnet-pool.js';
import { RwLock } from '../snapshot/rwlock.js';
import {
  RuntimeError,
  alreadyExists,
  failedPrecondition,
  invalidArgument,
  notFound,
} from '../errors.js';
import { isoTime } from '@berth/log';

export type { NetworkAttachment, NetworkEndpoint, NetworkMode } from './endpoint.js';

export type NetworkEventType = 'create' | 'destroy' | 'connect' | 'disconnect';

export interface NetworkEvent {
  type: NetworkEventType;
  networkId: string;
  network: string;
  /** For connect/disconnect. */
  containerId?: string;
  timestamp: string;
}

/** A network a container asks for: by name or ID (`bridge` = the built-in one). */
export interface NetworkRequest {
  network: string;
  aliases?: readonly string[];
  ipv4Address?: string;
}

export interface NetworkManagerOptions {
  dataRoot: string;
  /** dnsname keeps each network's dnsmasq files under `<exec-root>/cni` (default /run/berth). */
  execRoot?: string;
  /** The built-in network: name berth, bridge berth0, subnet 10.88.0.0/16. */
  name?: string;
  bridge?: string;
  subnet?: string;
  cniPath?: string;
  /** Where networks created without a subnet get one (default 10.89.0.0/16 in /24s). */
  addressPools?: readonly AddressPool[];
  onEvent?: (e: NetworkEvent) => void;
  /** A container's name for messages ("in use by web, db"); the id prefix by default. */
  describeContainer?: (id: string) => string;
  /** The host's routes (tests inject them); /proc/net/route by default. */
  hostRoutes?: () => Promise<Array<Cidr & { iface: string }>>;
  /**
   * Network namespaces to keep made ahead (loopback up) under the IDs the next creates will use,
   * so their setup spawns nothing for the namespace (default 0: none). `close` deletes them.
   */
  netnsPool?: number;
  /**
   * Besides those, namespaces kept made ahead and already attached to the built-in network
   * (bridge + host-local ADD done, address leased), for creates that join only that network and
   * publish no ports: their setup spawns nothing at all (default 0). `close` DELs them.
   */
  prewiredPool?: number;
  /** Told when the namespace pool cannot be filled (creates then make their own). */
  onWarning?: (message: string) => void;
}

const BUILTIN_ALIASES = new Set(['bridge', 'default']);

/**
 * Named bridge networks and each container's place on them. Records live under the data root;
 * every network has its own bridge, host-local lease dir and (with DNS) a dnsmasq run by the
 * dnsname plugin. Container operations share a lock; creating and removing networks take it
 * alone, so a network is never removed while a container joins it.
 */
export class NetworkManager {
  /** The built-in network's CNI settings. */
  readonly config: BridgeNetworkConfig;
  readonly store: NetworkStore;
  /** dnsname's XDG_RUNTIME_DIR. */
  readonly dnsRuntimeDir: string;
  private readonly ipamDir: string;
  private readonly containers: ContainerNetworks;
  private readonly lock = new RwLock();
  private ready: Promise<void> | null = null;
  private readonly pool: NetnsPool;

  constructor(private readonly o: NetworkManagerOptions) {
    this.ipamDir = join(o.dataRoot, 'network', 'ipam');
    this.config = {
      name: o.name ?? 'berth',
      bridge: o.bridge ?? 'berth0',
      subnet: o.subnet ?? '10.88.0.0/16',
      ipamDir: this.ipamDir,
    };
    this.store = new NetworkStore(o.dataRoot);
    this.dnsRuntimeDir = join(o.execRoot ?? '/run/berth', 'cni');
    const builtin = this.builtin();
    const caches = new AttachmentCacheStore(join(o.dataRoot, 'network', 'cache'), () => ({
      id: builtin.id,
      config: this.config,
    }));
    // with size 0 it still deletes what an earlier run's pool left after a crash
    // No network lock for the pool's own attachments: the built-in network is never removed, and
    // `remove` runs inside a teardown's shared hold (discard).
    this.pool = new NetnsPool({
      size: o.netnsPool ?? 0,
      wiredSize: o.prewiredPool ?? 0,
      file: join(o.dataRoot, 'network', 'netns-pool.json'),
      io: {
        create: (ids) => createReadyNetns(ids.map(netnsName)),
        wire: (id) => this.containers.prewire(id, this.builtinSpec()),
        remove: async (ids) => {
          // a pooled attachment is DELed (lease, veth) by the usual teardown, namespace and all
          const errors: unknown[] = [];
          const bare: string[] = [];
          for (const id of ids) {
            if ((await caches.load(id))?.pooled)
              await this.containers.teardown(id).catch((e: unknown) => errors.push(e));
            else bare.push(id);
          }
          await deleteNetnsAll(bare.map(netnsName));
          if (errors.length > 0) throw errors[0];
        },
        claimed: async (id) => {
          const cache = await caches.load(id);
          return cache !== null && !cache.pooled;
        },
      },
      onError: (err) => this.poolWarning(err),
    });
    this.containers = new ContainerNetworks({
      caches,
      cniPath: o.cniPath,
      env: { XDG_RUNTIME_DIR: this.dnsRuntimeDir },
      pool: this.pool,
    });
  }

  /**
   * Loads records and the in-use index, and makes the bridges a host reboot took away (as dockerd
   * does at start); idempotent, every operation awaits it.
   */
  init(): Promise<void> {
    this.ready ??= (async () => {
      await this.store.load();
      await this.containers.loadIndex();
      await this.restoreBridges();
      // what a crashed agent's pool left is deleted here; a failure only means no pool
      await this.pool.open().catch((err: unknown) => this.poolWarning(err));
    })();
    return this.ready;
  }

  /**
   * A container ID whose namespace is already made (loopback up), for a create that needs a
   * namespace; null when the pool is empty or off (the create makes an ID, setup the namespace).
   * Its `setup` uses the namespace; its `teardown` deletes it even when setup never ran.
   */
  takeReadyId(want?: {
    mode: NetworkMode;
    networks?: readonly NetworkRequest[];
    ports: readonly PortMapping[];
  }): string | null {
    return this.pool.take(want && this.builtinOnly(want) ? 'wired' : 'plain');
  }

  /** Pure: a create that joins the built-in network alone, with no ports (a pre-wired fit). */
  private builtinOnly(want: {
    mode: NetworkMode;
    networks?: readonly NetworkRequest[];
    ports: readonly PortMapping[];
  }): boolean {
    const nets = want.networks ?? [];
    const only = nets[0];
    return (
      want.mode === 'bridge' &&
      want.ports.length === 0 &&
      (nets.length === 0 ||
        (nets.length === 1 &&
          only !== undefined &&
          (BUILTIN_ALIASES.has(only.network) || only.network === this.config.name) &&
          (only.aliases?.length ?? 0) === 0 &&
          !only.ipv4Address))
    );
  }

  /** The built-in network as `spec` makes it (no aliases, no address). */
  private builtinSpec(): AttachSpec {
    return {
      networkId: this.builtin().id,
      config: { ...this.config, dns: false },
      aliases: [],
      ipv4Address: null,
    };
  }

  private poolWarning(err: unknown): void {
    this.o.onWarning?.(
      `network namespace pool: ${err instanceof Error ? err.message : String(err)}`,
    );
  }

  /** Agent stop: deletes the pool's ready namespaces (containers keep theirs). */
  async close(): Promise<void> {
    await this.pool.close();
  }

  /**
   * Best effort: the bridge plugin makes a missing bridge again at the next ADD anyway (but
   * without a MAC of its own); an existing one keeps the MAC it has.
   */
  private async restoreBridges(): Promise<void> {
    for (const net of this.store.all()) {
      if (interfaceExists(net.bridge)) {
        await pinBridgeMac(net.bridge).catch(() => undefined);
        continue;
      }
      const gateway = `${net.gateway}/${parseCidr(net.subnet).prefix}`;
      await createBridge(net.bridge, gateway).catch(() => undefined);
    }
  }

  /** The built-in network as a record (never stored: its settings are the agent's flags). */
  builtin(): NetworkRecord {
    return {
      id: builtinNetworkId(this.config.bridge),
      name: this.config.name,
      driver: 'bridge',
      bridge: this.config.bridge,
      subnet: this.config.subnet,
      gateway: formatIPv4(firstHost(parseCidr(this.config.subnet))),
      internal: false,
      attachable: false,
      dns: false,
      labels: {},
      options: {},
      createdAt: isoTime(0),
      builtin: true,
    };
  }

  async list(): Promise<NetworkRecord[]> {
    await this.init();
    return [this.builtin(), ...this.store.all()];
  }

  /** By name, ID or unique ID prefix; `bridge` and `default` name the built-in network. */
  async get(ref: string): Promise<NetworkRecord> {
    await this.init();
    if (BUILTIN_ALIASES.has(ref)) return this.builtin();
    const hit = findNetwork(await this.list(), ref);
    if (hit === 'ambiguous')
      throw invalidArgument(`network ${ref} is ambiguous: use more of its ID`);
    if (!hit) throw notFound(`network ${ref} not found`);
    return hit;
  }

  /** IDs of the containers attached to a network. */
  usersOf(networkId: string): string[] {
    return this.containers.usersOf(networkId);
  }

  async create(input: CreateNetworkInput): Promise<NetworkRecord> {
    await this.init();
    const rec = await this.lock.exclusive(async () => {
      const rec = planNetwork(input, {
        existing: await this.list(),
        hostRoutes: await (this.o.hostRoutes ?? readHostRoutes)(),
        pools: this.o.addressPools ?? DEFAULT_ADDRESS_POOLS,
        defaultName: this.config.name,
        interfaceExists,
        newId: newNetworkId,
        now: () => isoTime(),
      });
      await createBridge(rec.bridge, `${rec.gateway}/${parseCidr(rec.subnet).prefix}`);
      try {
        return await this.store.put(rec);
      } catch (err) {
        await deleteBridge(rec.bridge).catch(() => undefined);
        throw err;
      }
    });
    this.emit('create', rec);
    return rec;
  }

  /** Refused for the built-in network and while containers are attached (they are listed). */
  async remove(ref: string): Promise<NetworkRecord> {
    const net = await this.get(ref);
    if (net.builtin) throw failedPrecondition(`the built-in network ${net.name} cannot be removed`);
    await this.lock.exclusive(async () => {
      const users = this.usersOf(net.id);
      if (users.length > 0) {
        const names = users.map((id) => this.o.describeContainer?.(id) ?? id.slice(0, 12));
        throw failedPrecondition(
          `network ${net.name} has active endpoints: ${names.sort().join(', ')} (disconnect or remove them first)`,
        );
      }
      await this.destroy(net);
    });
    this.emit('destroy', net);
    return net;
  }

  /** Removes every user network no container is attached to. */
  async prune(): Promise<NetworkRecord[]> {
    await this.init();
    const removed = await this.lock.exclusive(async () => {
      const out: NetworkRecord[] = [];
      for (const net of this.store.all()) {
        if (this.usersOf(net.id).length > 0) continue;
        await this.destroy(net);
        out.push(net);
      }
      return out;
    });
    for (const net of removed) this.emit('destroy', net);
    return removed;
  }

  /** The host side of a network: bridge, dnsname's rule and files, leases, then the record. */
  private async destroy(net: NetworkRecord): Promise<void> {
    await stopNetworkDnsmasq(this.dnsRuntimeDir, net.name);
    await removeDnsAcceptRule(net.bridge);
    await deleteBridge(net.bridge);
    await rm(join(this.ipamDir, net.name), { recursive: true, force: true });
    await this.store.delete(net.id);
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

  /**
   * A new container's namespace: loopback, then each network in order (eth0, eth1, …; the
   * built-in one when `networks` is empty). Everything is undone when one step fails.
   */
  async setup(
    id: string,
    req: { mode: NetworkMode; name: string; networks?: NetworkRequest[]; ports: PortMapping[] },
  ): Promise<NetworkAttachment> {
    await this.init();
    const att = await this.lock.shared(async () => {
      const wanted = req.mode === 'bridge' ? (req.networks ?? []) : [];
      if (req.mode !== 'bridge' && (req.networks?.length ?? 0) > 0)
        throw invalidArgument(`--network ${req.mode} cannot be combined with other networks`);
      const list =
        wanted.length > 0 ? wanted : req.mode === 'bridge' ? [{ network: 'bridge' }] : [];
      const specs: AttachSpec[] = [];
      for (const w of list) {
        const spec = await this.spec(id, w);
        if (specs.some((s) => s.networkId === spec.networkId))
          throw invalidArgument(`network ${spec.config.name} is listed twice`);
        specs.push(spec);
      }
      return this.containers.setup(id, {
        mode: req.mode,
        name: req.name,
        networks: specs,
        ports: req.ports,
      });
    });
    for (const e of att.endpoints) this.emitEndpoint('connect', e, id);
    return att;
  }

  /** Joins a container (any state: its namespace lives from create to remove) to one more network. */
  async connect(id: string, req: NetworkRequest): Promise<NetworkEndpoint> {
    await this.init();
    const ep = await this.lock.shared(async () => {
      const spec = await this.spec(id, req);
      if ((await this.containers.endpoints(id)).some((e) => e.networkId === spec.networkId))
        throw alreadyExists(`container is already connected to network ${spec.config.name}`);
      return this.containers.connect(id, spec);
    });
    this.emitEndpoint('connect', ep, id);
    return ep;
  }

  async disconnect(id: string, ref: string): Promise<NetworkEndpoint> {
    const net = await this.get(ref);
    const ep = await this.lock.shared(async () => {
      const found = (await this.containers.endpoints(id)).find((e) => e.networkId === net.id);
      if (!found) throw notFound(`container is not connected to network ${net.name}`);
      await this.containers.disconnect(id, net.id);
      return found;
    });
    this.emitEndpoint('disconnect', ep, id);
    return ep;
  }

  /** Reverse of setup; idempotent; leaves no netns, veth, iptables rule, lease or DNS entry. */
  async teardown(id: string): Promise<void> {
    await this.init();
    const removed = await this.lock.shared(() => this.containers.teardown(id));
    for (const e of removed) this.emitEndpoint('disconnect', e, id);
  }

  /**
   * After a host reboot: the container's namespace and attachments made again from its cache,
   * at the addresses it had where possible. The endpoints, or null when nothing was lost.
   */
  async restore(id: string): Promise<NetworkEndpoint[] | null> {
    await this.init();
    const endpoints = await this.lock.shared(() => this.containers.restore(id));
    for (const e of endpoints ?? []) this.emitEndpoint('connect', e, id);
    return endpoints;
  }

  /** The name dnsname serves follows a container rename. */
  async renameContainer(id: string, name: string): Promise<void> {
    await this.init();
    await this.lock.shared(() => this.containers.rename(id, name));
  }

  async endpoints(id: string): Promise<NetworkEndpoint[]> {
    await this.init();
    return this.containers.endpoints(id);
  }

  private async spec(id: string, req: NetworkRequest): Promise<AttachSpec> {
    const net = await this.get(req.network);
    const aliases = [...new Set((req.aliases ?? []).map(validateAlias))];
    if (net.builtin && (aliases.length > 0 || req.ipv4Address))
      throw invalidArgument(
        `aliases and static addresses need a user-defined network (not ${net.name})`,
      );
    const ipv4Address = req.ipv4Address ? validateStaticAddress(net, req.ipv4Address) : null;
    if (ipv4Address) await this.refuseTakenAddress(net, ipv4Address, id);
    if (net.builtin) return this.builtinSpec();
    const config: AttachSpec['config'] = {
      name: net.name,
      bridge: net.bridge,
      subnet: net.subnet,
      gateway: net.gateway,
      ipamDir: this.ipamDir,
      internal: net.internal,
      dns: net.dns,
    };
    return { networkId: net.id, config, aliases, ipv4Address };
  }

  private async refuseTakenAddress(net: NetworkRecord, ip: string, self: string): Promise<void> {
    for (const other of this.usersOf(net.id)) {
      if (other === self) continue;
      const ep = (await this.containers.endpoints(other)).find((e) => e.networkId === net.id);
      if (ep?.ip === ip) {
        const who = this.o.describeContainer?.(other) ?? other.slice(0, 12);
        throw alreadyExists(`address ${ip} is already in use on network ${net.name} by ${who}`);
      }
    }
  }

  private emit(
    type: NetworkEventType,
    net: { id: string; name: string },
    containerId?: string,
  ): void {
    try {
      this.o.onEvent?.({
        type,
        networkId: net.id,
        network: net.name,
        ...(containerId ? { containerId } : {}),
        timestamp: isoTime(),
      });
    } catch {
      /* a listener's failure is not the network's */
    }
  }

  private emitEndpoint(type: 'connect' | 'disconnect', e: NetworkEndpoint, id: string): void {
    this.emit(type, { id: e.networkId, name: e.network }, id);
  }
}
