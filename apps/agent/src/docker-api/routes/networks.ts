import { AgentError, toWireError } from '../../errors.js';
import type { DockerRouteDeps } from '../deps.js';
import { Reply } from '../http/reply.js';
import type { DockerRouter } from '../http/router.js';
import { labelMatches, labelsMatch, parseFilters, parseTimeFilter } from '../translate/filters.js';
import {
  MODE_NETWORKS,
  NETWORK_LIST_FILTERS,
  dockerNetworkMatches,
  modeNetworkOf,
  toDockerNetwork,
  toModeNetwork,
  type ModeNetwork,
} from '../translate/networks.js';
import {
  predefinedNetworkError,
  toConnectRequest,
  toCreateNetworkRequest,
} from '../translate/network-requests.js';
import {
  NetworkConnectBodySchema,
  NetworkCreateBodySchema,
  NetworkDisconnectBodySchema,
  type DockerNetwork,
} from '../types/network.js';
import { isoTime } from '@berth/log';

/** The refusal Docker gives for joining or leaving the host's (or no) network at run time. */
function modeConnectError(mode: ModeNetwork): AgentError {
  return new AgentError(
    'INVALID_ARGUMENT',
    `container cannot be disconnected from ${mode} network or connected to ${mode} network`,
  );
}

/** `/networks`: list, inspect, create, connect, disconnect, remove, prune. */
export function registerNetworkRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const nets = deps.networks;
  const started = isoTime();

  const modeNetwork = (mode: ModeNetwork): DockerNetwork =>
    toModeNetwork(
      mode,
      deps.containers.records().filter((r) => r.network.mode === mode),
      started,
    );

  const all = async (): Promise<DockerNetwork[]> => [
    ...(await nets.list()).map(toDockerNetwork),
    ...MODE_NETWORKS.map(modeNetwork),
  ];

  const find = async (ref: string): Promise<DockerNetwork> => {
    const mode = modeNetworkOf(ref);
    if (mode) return modeNetwork(mode);
    try {
      return toDockerNetwork(await nets.inspect(ref));
    } catch (err) {
      const byPrefix = modeNetworkOf(ref, true);
      if (byPrefix && toWireError(err).code === 'NOT_FOUND') return modeNetwork(byPrefix);
      throw err;
    }
  };

  router.add({
    method: 'GET',
    path: '/networks',
    handler: async ({ query }) => {
      const f = parseFilters(query.string('filters'), NETWORK_LIST_FILTERS);
      // API ≥ 1.28 lists networks without their containers (inspect has them)
      return (await all())
        .filter((n) => dockerNetworkMatches(n, f))
        .map((n) => ({
          ...n,
          Containers: {},
        }));
    },
  });

  router.add({
    method: 'GET',
    path: '/networks/{id}',
    handler: async ({ params, query }) => {
      const scope = query.string('scope');
      if (scope && scope !== 'local')
        throw new AgentError('NOT_FOUND', `network ${params.id!} not found`);
      return find(params.id!);
    },
  });

  router.add({
    method: 'POST',
    path: '/networks/create',
    body: NetworkCreateBodySchema,
    handler: async ({ body }) => {
      const refused = predefinedNetworkError(body.Name, 'create');
      if (refused) throw refused;
      const created = await nets.create(toCreateNetworkRequest(body));
      return Reply.created({ Id: created.id, Warning: '' });
    },
  });

  router.add({
    method: 'POST',
    path: '/networks/{id}/connect',
    body: NetworkConnectBodySchema,
    handler: async ({ params, body }) => {
      const mode = modeNetworkOf(params.id!);
      if (mode) throw modeConnectError(mode);
      const req = toConnectRequest(body);
      await nets.connect(params.id!, req);
      return new Reply(200);
    },
  });

  router.add({
    method: 'POST',
    path: '/networks/{id}/disconnect',
    body: NetworkDisconnectBodySchema,
    handler: async ({ params, body }) => {
      const mode = modeNetworkOf(params.id!);
      if (mode) throw modeConnectError(mode);
      // Force matters to dockerd's stale endpoints; Berth's are removed with their container
      await nets.disconnect(params.id!, body.Container);
      return new Reply(200);
    },
  });

  router.add({
    method: 'DELETE',
    path: '/networks/{id}',
    handler: async ({ params }) => {
      const n = await find(params.id!);
      const refused = predefinedNetworkError(n.Name, 'remove');
      if (refused) throw refused;
      const users = Object.values(n.Containers).map((c) => c.Name);
      if (users.length)
        throw new AgentError(
          'FAILED_PRECONDITION',
          `error while removing network: network ${n.Name} id ${n.Id} has active endpoints (${users.sort().join(', ')})`,
        );
      await nets.remove(n.Id);
      return Reply.noContent();
    },
  });

  router.add({
    method: 'POST',
    path: '/networks/prune',
    handler: async ({ query }) => {
      const f = parseFilters(query.string('filters'), ['until', 'label', 'label!']);
      const until = f.get('until')?.[0];
      const before = until ? parseTimeFilter(until, new Date()).getTime() : null;
      const deleted: string[] = [];
      for (const n of (await nets.list()).map(toDockerNetwork)) {
        if (n.Name === 'bridge' || Object.keys(n.Containers).length) continue;
        if (!labelsMatch(f, n.Labels)) continue;
        if ((f.get('label!') ?? []).some((l) => labelMatches(l, n.Labels))) continue;
        if (before !== null && Date.parse(n.Created) >= before) continue;
        try {
          await nets.remove(n.Id);
          deleted.push(n.Name);
        } catch (err) {
          deps.log.warn(`network prune: ${n.Name}: ${toWireError(err).message}`);
        }
      }
      // dockerd answers null, not [], when nothing was removed
      return { NetworksDeleted: deleted.length ? deleted : null };
    },
  });
}
