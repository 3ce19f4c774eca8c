import { exitCodeByCode } from '@berth/protocol';
import type {
  AgentCredentialFile,
  AgentEventName,
  AgentEventPayload,
  HostFacts,
  HostPolicy,
  SystemInfo,
} from '@berth/protocol';
import { ImageEngine, closeAttachReaders } from '@berth/runtime';
import { Router } from './api/router.js';
import { registerImageRoutes } from './api/routes/images.js';
import { registerContainerApi } from './api/routes/containers-api.js';
import { registerNetworkRoutes } from './api/routes/networks.js';
import { registerStackRoutes } from './api/routes/stacks.js';
import { lazyStackDeployer } from './stacks/lazy.js';
import { registerSystemRoutes } from './api/routes/system.js';
import { listenUnix } from './api/unix-socket.js';
import { listenDockerApi } from './docker-api/serve.js';
import type { ApiServer } from './api/unix-socket.js';
import type { AgentConfig } from './config.js';
import { AgentError, errorMessage } from './errors.js';
import { collectHostFacts } from './facts/collect.js';
import type { Logger } from '@berth/log';
import type { AgentLink, LinkStatus } from './link/connection.js';
import { credentialPath, loadCredential, saveCredential } from './link/credential-store.js';
import { enroll } from './link/enroll.js';
import { RpcRegistry } from './link/rpc-registry.js';
import { startImageInventory } from './link/image-inventory.js';
import { registerImageRpcs } from './link/image-rpcs.js';
import { registerNetworkRpcs } from './link/network-rpcs.js';
import { registerStackRpcs } from './link/stack-rpcs.js';
import { registerVolumeRpcs } from './link/volume-rpcs.js';
import { startNetworkInventory } from './link/network-inventory.js';
import { startDashboard } from './link/dashboard.js';
import { registerSystemRpcs } from './link/system-rpcs.js';
import { ImageService } from './images/service.js';
import { createContainerService, openContainers } from './containers/open.js';
import type { ContainerService } from './containers/service.js';
import { NetworkService } from './networks/service.js';
import { parseServerAddress } from './link/transport.js';
import type { ServerAddress } from './link/transport.js';
import { buildSystemInfo } from './system/info.js';
import { openHostPolicy } from './policy/host-policy.js';
import type { HostPolicyGate } from './policy/host-policy.js';
import { notifySystemd } from './systemd-notify.js';
import { registerUpgradeRpcs } from './link/upgrade-rpcs.js';
import { detectInstall } from './upgrade/layout.js';
import { detectSystemdUnit } from './upgrade/start-upgrade.js';
import { UpgradeTrial } from './upgrade/trial.js';

/** Exit code for a startup/link failure: the protocol's table, 1 for anything uncoded. */
function exitCodeFor(err: unknown): number {
  return err instanceof AgentError ? exitCodeByCode[err.code] : 1;
}

/** The engine objects every surface (REST, RPC, later containers) shares: one instance each. */
export interface EngineDeps {
  imageEngine: ImageEngine;
  images: ImageService;
  /** The container engine in protocol DTOs (over the runtime's ContainerManager, which it keeps to itself). */
  containers: ContainerService;
  networks: NetworkService;
}

async function openEngines(config: AgentConfig, log: Logger): Promise<EngineDeps> {
  const holder: { containers?: ContainerService } = {};
  const imageEngine = await ImageEngine.open({
    dataRoot: config.dataRoot,
    insecureRegistries: config.insecureRegistries,
    isImageInUse: (id) => holder.containers?.isImageInUse(id) ?? false,
    imageUsers: (id) => holder.containers?.imageUsers(id) ?? [],
  });
  holder.containers = createContainerService(imageEngine, log);
  const networks = new NetworkService(holder.containers, holder.containers.events);
  await openContainers(config, imageEngine, holder.containers, log, (e) =>
    networks.onRuntimeEvent(e),
  );
  return {
    imageEngine,
    images: new ImageService(imageEngine),
    containers: holder.containers,
    networks,
  };
}

function describePolicy(p: HostPolicy): string {
  const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : 'none');
  const upgrades = p.remoteUpgrade === false ? 'refused' : 'accepted';
  return `elevated options from the web: ${list(p.allowElevated)}; binds: ${list(p.allowBind)}; upgrades from the web: ${upgrades}`;
}

/** Where the link should go: stored credential first, then --server; conflicts are errors. */
async function resolveEnrollment(config: AgentConfig, log: Logger) {
  const path = credentialPath(config.dataRoot);
  const credential = await loadCredential(path);
  if (!credential) return { path, credential: null, server: config.server };
  if (config.server && config.server.origin !== credential.server) {
    throw new AgentError(
      'FAILED_PRECONDITION',
      `this host is enrolled with ${credential.server}, not ${config.server.origin}; remove ${path} to enroll elsewhere`,
    );
  }
  if (config.joinToken) log.warn(`already enrolled (${path}); ignoring the join token`);
  return { path, credential, server: parseServerAddress(credential.server, config.insecure) };
}

/**
 * The composition root: facts, the local API, the RPC registry and the link. Resolves with the
 * process exit code once the agent has shut down (signal → 0, fatal enrollment error → non-zero).
 */
export async function runAgent(config: AgentConfig, log: Logger): Promise<number> {
  const started = Date.now();
  const uptimeSec = () => (Date.now() - started) / 1000;
  // Signals during start-up are remembered and honoured once there is something to shut down.
  let signalled: NodeJS.Signals | null = null;
  let handleSignal = (sig: NodeJS.Signals) => void (signalled = sig);
  const onSignal = (sig: NodeJS.Signals) => handleSignal(sig);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const detachSignals = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  let facts: HostFacts;
  let enrollment: Awaited<ReturnType<typeof resolveEnrollment>>;
  let engines: EngineDeps;
  let policy: HostPolicyGate;
  try {
    policy = await openHostPolicy(config);
    log.info(`host policy: ${describePolicy(policy.summary())}`);
    engines = await openEngines(config, log);
    facts = {
      ...(await collectHostFacts({
        name: config.name,
        confinement: engines.containers.hostConfinement(),
      })),
      policy: policy.summary(),
    };
    enrollment = await resolveEnrollment(config, log);
    if (enrollment.server && !enrollment.credential && !config.joinToken) {
      throw new AgentError(
        'INVALID_ARGUMENT',
        `not enrolled yet: pass --join-token (or BERTH_JOIN_TOKEN) with --server`,
      );
    }
  } catch (err) {
    log.error(`cannot start: ${errorMessage(err)}`);
    detachSignals();
    return exitCodeFor(err);
  }

  const layout = await detectInstall();
  const systemdUnit = await detectSystemdUnit();
  const trial = await UpgradeTrial.open(layout, log).catch((err: unknown) => {
    log.warn(`upgrade: cannot read its state: ${errorMessage(err)}`);
    return null;
  });
  let link: AgentLink | null = null;
  let linkStatus: LinkStatus = { state: enrollment.server ? 'enrolling' : 'disabled', error: null };
  let credential: AgentCredentialFile | null = enrollment.credential;
  const info = (): Promise<SystemInfo> =>
    buildSystemInfo({
      facts: () => facts,
      link: () => ({
        hostId: credential?.hostId ?? null,
        server: enrollment.server?.origin ?? null,
        status: link ? link.status() : linkStatus,
      }),
      dataRoot: config.dataRoot,
      execRoot: config.execRoot,
      uptimeSec,
      counts: async () => ({
        containers: engines.containers.counts(),
        images: (await engines.imageEngine.images.list()).length,
      }),
    });
  const emit = <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>): void => {
    link?.emit(name, payload);
  };

  const router = new Router();
  registerSystemRoutes(router, { info });
  registerImageRoutes(router, engines);
  registerContainerApi(router, engines);
  registerNetworkRoutes(router, engines);
  const stacks = lazyStackDeployer(engines);
  registerStackRoutes(router, { stacks });
  const rpc = new RpcRegistry();
  registerSystemRpcs(rpc, { info });
  registerImageRpcs(rpc, { images: engines.images, emit });
  registerNetworkRpcs(rpc, engines);
  registerStackRpcs(rpc, {
    deployer: stacks,
    images: engines.images,
    policy,
    dataRoot: config.dataRoot,
    emit,
  });
  registerVolumeRpcs(rpc, engines);
  registerUpgradeRpcs(
    rpc,
    () =>
      enrollment.server && credential
        ? {
            layout,
            agentVersion: facts.agentVersion,
            server: enrollment.server,
            credential,
            log,
            systemdUnit,
            args: process.argv.slice(2),
            remoteUpgrade: config.remoteUpgrade,
          }
        : null,
    () => void shutdown(0, 'restarting into the upgraded release', { upgrade: true }),
  );
  const inventory = startImageInventory({ images: engines.images, emit, log });
  const networkInventory = startNetworkInventory({
    networks: engines.networks,
    events: engines.containers.events,
    emit,
    log,
  });
  const dashboard = startDashboard({
    containers: engines.containers,
    policy,
    rpc,
    emit,
    log,
    dataRoot: config.dataRoot,
    terminalGraceMs: config.terminalGraceSec * 1000,
  });

  let api: ApiServer;
  let dockerApi: ApiServer | null = null;
  try {
    api = await listenUnix(config.socketPath, router, log);
    if (config.dockerSocketPath) {
      const deps = {
        ...engines,
        info,
        log,
        dataRoot: config.dataRoot,
        bridgeSubnet: config.bridgeSubnet,
        recentStats: dashboard.recentStats,
      };
      dockerApi = await listenDockerApi(config.dockerSocketPath, deps).catch(async (err) => {
        await api.close();
        throw err;
      });
    }
  } catch (err) {
    log.error(`cannot start: ${errorMessage(err)}`);
    detachSignals();
    // the namespaces the network made ahead go with this agent
    await engines.containers.close().catch(() => undefined);
    return exitCodeFor(err);
  }

  const abort = new AbortController();
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));
  let stopping = false;
  const shutdown = async (code: number, why: string, o: { upgrade?: boolean } = {}) => {
    if (stopping) return;
    stopping = true;
    log.info(`shutting down (${why})`);
    // an upgrade's exit is a restart: systemd (Restart=always) starts the new release
    if (!o.upgrade) notifySystemd('STOPPING=1', log);
    abort.abort();
    inventory.stop();
    networkInventory.stop();
    dashboard.stop();
    const containersClosed = engines.containers.close().catch((err: unknown) => {
      log.warn(`network namespace pool: ${errorMessage(err)}`);
    });
    link?.close();
    // every terminal's attach socket destroyed before the exit (see closeAttachReaders)
    const readersClosed = closeAttachReaders().catch((err: unknown) => {
      log.warn(`terminal readers: ${errorMessage(err)}`);
    });
    await Promise.all([api.close(), dockerApi?.close(), containersClosed, readersClosed]);
    finish(code);
  };
  handleSignal = (sig) => void shutdown(0, sig);
  if (signalled) handleSignal(signalled);
  // Containers are reconciled and the local API listens: systemctl start may return now.
  else notifySystemd('READY=1', log);

  /** Tells the web how the last upgrade ended (once; kept for the next connect until acknowledged). */
  const reportUpgrade = async (t: UpgradeTrial) => {
    const o = await t.outcome();
    if (!o || !link) return;
    await link.emitWithAck('agent.upgrade.result', o.outcome);
    await t.reported(o.decision);
    const { ok, fromVersion, toVersion, reason } = o.outcome;
    if (ok) log.info(`upgrade: ${fromVersion} → ${toVersion} reported to the web`);
    else log.warn(`upgrade: ${fromVersion} → ${toVersion} rolled back (${reason}); reported`);
  };

  // socket.io-client (≈ 10–20 MB of RSS) is loaded only when there is a web to dial
  const startLink = async (server: ServerAddress, cred: AgentCredentialFile) => {
    const { AgentLink } = await import('./link/connection.js');
    if (stopping) return;
    link = new AgentLink({
      server,
      credential: cred,
      facts: () => facts,
      rpc,
      log,
      uptimeSec,
      onConnect: () => {
        inventory.sync();
        networkInventory.sync();
        dashboard.onConnect();
      },
      onDisconnect: dashboard.onDisconnect,
      onServerEvent: dashboard.onServerEvent,
      onWelcome: (w) => {
        if (!trial) return;
        trial
          .onWelcome(w.compatible !== false, w.reason ?? null)
          .then(() => reportUpgrade(trial))
          .catch((err: unknown) => log.warn(`upgrade: ${errorMessage(err)}`));
      },
    });
    link.start();
  };
  if (stopping) log.debug('stopping before the link started');
  else if (enrollment.server && credential)
    startLink(enrollment.server, credential).catch((err: unknown) =>
      log.error(`cannot start the link: ${errorMessage(err)}`),
    );
  else if (enrollment.server && config.joinToken) {
    const server = enrollment.server;
    log.info(`enrolling with ${server.origin}`);
    enroll({ server, joinToken: config.joinToken, facts, log, signal: abort.signal })
      .then(async (cred) => {
        await saveCredential(enrollment.path, cred);
        credential = cred;
        log.info(`enrolled as host ${cred.hostId}; credential stored in ${enrollment.path}`);
        if (!stopping) await startLink(server, cred);
      })
      .catch((err: unknown) => {
        if (stopping) return;
        log.error(`enrollment failed: ${errorMessage(err)}`);
        linkStatus = { state: 'unauthorized', error: errorMessage(err) };
        void shutdown(exitCodeFor(err) || 1, 'enrollment failed');
      });
  } else log.info('no --server: running local-only (no link to a Berth web)');

  const code = await done;
  detachSignals();
  return code;
}
