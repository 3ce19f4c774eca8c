import type {
  CreateNetworkRequest,
  Network,
  NetworkConnectRequest,
  NetworkEvent,
} from '@berth/protocol';
import type { NetworkEvent as RuntimeNetworkEvent, NetworkManager } from '@berth/runtime';
import type { ContainerService } from '../containers/service.js';
import type { EventBus } from '../containers/events.js';
import { networkDto, networkFilter } from './dto.js';

/**
 * The agent's view of networks, in protocol DTOs (REST, RPCs, the Docker API layer): records
 * from the runtime's NetworkManager, the containers on each from the container records.
 * Container joins and leaves go through the ContainerService so records and resolv.conf follow.
 */
export class NetworkService {
  constructor(
    private readonly containers: ContainerService,
    private readonly events: EventBus,
  ) {}

  private get networks(): NetworkManager {
    return this.containers.networkManager();
  }

  /** The built-in network's ID (what Docker calls `bridge`). */
  builtinId(): string {
    return this.networks.builtin().id;
  }

  async list(filters: readonly string[] = []): Promise<Network[]> {
    const match = networkFilter(filters);
    return (await this.networks.list()).map((n) => this.dto(n)).filter(match);
  }

  async inspect(ref: string): Promise<Network> {
    return this.dto(await this.networks.get(ref));
  }

  async create(req: CreateNetworkRequest): Promise<Network> {
    return this.dto(await this.networks.create(req));
  }

  /** Refused while containers are attached (the error names them) and for the built-in network. */
  async remove(ref: string): Promise<string> {
    return (await this.networks.remove(ref)).name;
  }

  async prune(): Promise<string[]> {
    return (await this.networks.prune()).map((n) => n.name);
  }

  async connect(ref: string, req: NetworkConnectRequest): Promise<Network> {
    const net = await this.networks.get(ref);
    await this.containers.connect(req.container, {
      network: net.id,
      ...(req.aliases ? { aliases: req.aliases } : {}),
      ...(req.ipv4Address ? { ipv4Address: req.ipv4Address } : {}),
    });
    return this.inspect(net.id);
  }

  async disconnect(ref: string, container: string): Promise<Network> {
    const net = await this.networks.get(ref);
    await this.containers.disconnect(container, net.id);
    return this.inspect(net.id);
  }

  /** The runtime's network events → the event stream (`GET /v1/events`, the web's inventory). */
  onRuntimeEvent(e: RuntimeNetworkEvent): void {
    const event: NetworkEvent = {
      kind: 'network',
      type: e.type,
      id: e.networkId,
      name: e.network,
      ...(e.containerId ? { containerId: e.containerId } : {}),
      at: e.timestamp,
    };
    this.events.publish(event);
  }

  private dto(net: Awaited<ReturnType<NetworkManager['get']>>): Network {
    const ids = new Set(this.networks.usersOf(net.id));
    return networkDto(
      net,
      this.containers.records().filter((r) => ids.has(r.id)),
    );
  }
}
