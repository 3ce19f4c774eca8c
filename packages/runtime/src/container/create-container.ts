import { mkdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { availableParallelism, hostname as osHostname } from 'node:os';
import { buildSpecWithConfinement } from '../oci-spec/builder.js';
import { parseProcLimits } from '../oci-spec/rlimits.js';
import { parseBoundingSet } from '../oci-spec/capabilities.js';
import { runConfigSchema } from '../oci-spec/options.js';
import { parseOrThrow } from '../validate.js';
import type { OciMount } from '../oci-spec/types.js';
import { bindMount } from '../volume/mount-spec.js';
import { readDeviceNodes } from './device-nodes.js';
import { readFileInRoot } from '../rootfs/read-in-root.js';
import { hostnameFile, hostsFile } from '../network/etc-files.js';

import { writeContainerResolvConf } from './resolv-conf.js';
import type { PortMapping } from '../network/ports.js';
import { invalidArgument } from '../errors.js';
import { containerPaths, detectInitBinary, type ContainerManagerOptions } from './deps.js';
import { parseCreateOptions, normalizeSignal, type CreateRequestInput } from './create-options.js';
import { newContainerId } from './names.js';
import { Rollback } from './rollback.js';
import type { ContainerRecord } from './record.js';
import { isoTime } from '@berth/log';
import { allSettledOrThrow } from '../settle.js';

const readOr = (p: string, fallback: string) => readFile(p, 'utf8').catch(() => fallback);

export interface CreateContext {
  deps: ContainerManagerOptions;
  /** Host ports held by other containers. */
  takenPorts: PortMapping[];
  resolveName(requested: string | undefined): string;
}

/**
 * Creates everything a container needs before its first start: rootfs, volumes, network, etc
 * files, bundle/config.json, then the record (the commit point). Any failure undoes every step.
 */
export async function createContainer(
  ctx: CreateContext,
  req: CreateRequestInput,
): Promise<ContainerRecord> {
  const { deps } = ctx;
  const image = {
    ref: req.image.ref,
    config: parseOrThrow(runConfigSchema, req.image.config ?? {}, 'image config'),
  };
  const opts = parseCreateOptions(req.options ?? {});
  const name = ctx.resolveName(opts.name);
  if (opts.network !== 'bridge' && opts.ports.length > 0)
    throw invalidArgument('published ports need a bridge network');
  for (const m of opts.mounts) {
    if (m.kind === 'bind' && !(await stat(m.source).catch(() => null))) {
      throw invalidArgument(`bind source ${m.source} does not exist`);
    }
  }
  await deps.network.checkPorts(opts.ports, ctx.takenPorts);
  const devices = await readDeviceNodes(opts.devices);

  // a namespace made ahead comes with the ID it was made for (network teardown deletes it); on
  // the built-in network alone with no ports, one already attached to it if the pool has one
  const id =
    (opts.network !== 'host'
      ? deps.network.takeReadyId({
          mode: opts.network,
          networks: opts.networks,
          ports: opts.ports,
        })
      : null) ?? newContainerId();
  const p = containerPaths(deps.dataRoot, deps.execRoot, id);
  const undo = new Rollback();
  try {
    undo.push(() => deps.network.teardown(id));
    undo.push(() => rm(p.dir, { recursive: true, force: true }));
    await mkdir(p.bundle, { recursive: true });
    undo.push(() => deps.rootfs.release(id));
    // the rootfs (overlay mount, volumes) and the network (netns, CNI plugins) need nothing of
    // each other: made side by side; both settle before a failure of either is undone
    const [files, network] = await Promise.allSettled([
      (async () => {
        const rootfs = await deps.rootfs.prepare(id, image);
        const volumeMounts: OciMount[] = [];
        for (const m of opts.mounts) {
          const source =
            m.kind === 'bind' ? m.source : (await deps.volumes.ensure(m.name)).mountpoint;
          volumeMounts.push(bindMount(source, m.target, m.readOnly));
        }
        return { rootfs, volumeMounts };
      })(),
      deps.network.setup(id, {
        mode: opts.network,
        name,
        networks: opts.networks,
        ports: opts.ports,
      }),
    ]);
    if (files.status === 'rejected') throw files.reason;
    if (network.status === 'rejected') throw network.reason;
    const { rootfs, volumeMounts } = files.value;
    const net = network.value;
    const hostname =
      opts.spec.uts === 'host' ? osHostname() : (opts.spec.hostname ?? id.slice(0, 12));
    // the etc files and what the spec reads are independent small files: one round of the
    // thread pool instead of one after the other (each read or write is several round trips)
    const [etcPasswd, etcGroup, procLimits, procStatus] = await allSettledOrThrow([
      readFileInRoot(rootfs.path, '/etc/passwd'),
      readFileInRoot(rootfs.path, '/etc/group'),
      readOr('/proc/self/limits', ''),
      readOr('/proc/self/status', ''),
      writeFile(p.hostname, hostnameFile(hostname)),
      writeFile(p.hosts, hostsFile(hostname, net.ip, opts.extraHosts)),
      writeContainerResolvConf(deps, p.resolvConf, net.endpoints, opts.dns),
    ]);
    const etcMounts = (['hosts', 'hostname', 'resolvConf'] as const).map((k) =>
      bindMount(p[k], k === 'resolvConf' ? '/etc/resolv.conf' : `/etc/${k}`, false),
    );
    const cgroupParent = deps.cgroupParent ?? '/berth';
    const { spec, confinement } = buildSpecWithConfinement({
      id,
      image: image.config,
      options: opts.spec,
      rootfsPath: rootfs.path,
      etcPasswd: etcPasswd ?? '',
      etcGroup: etcGroup ?? '',
      hostRlimits: parseProcLimits(procLimits),
      hostCpus: availableParallelism(),
      network: net.netnsPath ? { mode: 'netns', path: net.netnsPath } : { mode: 'host' },
      mounts: [...etcMounts, ...volumeMounts],
      initBinary: opts.spec.init ? (deps.initBinary ?? detectInitBinary()) : undefined,
      cgroupParent,
      hostCapabilities: parseBoundingSet(procStatus) ?? undefined,
      hostHostname: hostname,
      devices,
      confinement: deps.confinement,
    });
    await writeFile(p.config, JSON.stringify(spec, null, 2));
    const record: ContainerRecord = {
      id,
      name,
      createdAt: isoTime(),
      image,
      options: { ...(req.options ?? {}) },
      state: 'created',
      pid: null,
      startedAt: null,
      finishedAt: null,
      exitCode: null,
      oomKilled: false,
      restartCount: 0,
      manuallyStopped: false,
      restartPolicy: opts.restart,
      stopSignal: normalizeSignal(opts.stopSignal ?? image.config.stopSignal ?? 'SIGTERM'),
      stopTimeout: opts.stopTimeout ?? 10,
      labels: opts.labels,
      network: net,
      volumes: opts.mounts.flatMap((m) => (m.kind === 'volume' ? [m.name] : [])),
      rootfs: rootfs.path,
      bundle: p.bundle,
      logPath: p.logPath,
      cgroupsPath: spec.linux.cgroupsPath,
      confinement,
    };
    return record;
  } catch (err) {
    await undo.run();
    throw err;
  }
}

/** Undo for a created container whose record could not be written. */
export async function destroyCreated(deps: ContainerManagerOptions, id: string): Promise<void> {
  await deps.network.teardown(id).catch(() => undefined);
  await deps.rootfs.release(id).catch(() => undefined);
  await rm(containerPaths(deps.dataRoot, deps.execRoot, id).dir, { recursive: true, force: true });
}
