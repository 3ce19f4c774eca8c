import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AgentError, toWireError } from '../../errors.js';
import { waitConditions, waitForCondition, type WaitCondition } from '../../containers/wait.js';
import { networkNaming, type DockerRouteDeps } from '../deps.js';
import type { DockerRouter } from '../http/router.js';
import { Reply } from '../http/reply.js';
import { ContainerCreateBodySchema } from '../types/container-create.js';
import { containerNameOf, toBerthCreate } from '../translate/create.js';
import { toDockerInspect } from '../translate/inspect.js';
import { findContainer, isLive, withImageNotFound } from './lookup.js';

/** Docker's `t` (seconds before SIGKILL); negative waits forever in Docker, here the record's. */
function stopTimeout(t: number | undefined): number | undefined {
  return t === undefined || t < 0 ? undefined : t;
}

/** Pure: the default bridge subnet's prefix length. */
export function prefixLenOf(cidr: string): number {
  return Number(cidr.split('/')[1] ?? 0);
}

/** Create, inspect and the lifecycle verbs: start, stop, restart, kill, pause, unpause, wait, remove. */
export function registerContainerRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  const c = deps.containers;
  const volumeMountpoint = (name: string) => join(deps.dataRoot, 'volumes', name, '_data');

  router.add({
    method: 'POST',
    path: '/containers/create',
    body: ContainerCreateBodySchema,
    handler: async ({ body, query }) => {
      const name = containerNameOf(query.string('name'));
      const platform = query.string('platform');
      if (platform && platform !== 'linux' && !platform.startsWith('linux/'))
        throw new AgentError('INVALID_ARGUMENT', `unsupported platform ${platform}`);
      const t = toBerthCreate(body, name, () => randomBytes(32).toString('hex'));
      await requireNetworks(deps, t.request);
      const created = await withImageNotFound(body.Image, () =>
        c.create(t.request, { ...t.runtime, docker: t.docker }),
      );
      return Reply.created({ Id: created.id, Warnings: [...t.warnings, ...created.warnings] });
    },
  });

  router.add({
    method: 'GET',
    path: '/containers/{name:.*}/json',
    handler: ({ params }) => {
      const rec = findContainer(c, params.name!);
      return toDockerInspect(rec, {
        volumeMountpoint,
        bridgePrefixLen: prefixLenOf(deps.bridgeSubnet),
        execIds: deps.execs.idsOf(rec.id),
        naming: networkNaming(deps),
        health: c.health.health(rec.id),
      });
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/start',
    handler: async ({ params, query }) => {
      if (query.string('checkpoint'))
        throw new AgentError('INVALID_ARGUMENT', 'checkpoints are not supported by Berth');
      const rec = findContainer(c, params.name!);
      if (isLive(rec)) {
        if (rec.state === 'paused')
          throw new AgentError(
            'FAILED_PRECONDITION',
            'cannot start a paused container, try unpause instead',
          );
        return Reply.notModified();
      }
      await c.start(rec.id);
      return Reply.noContent();
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/stop',
    handler: async ({ params, query }) => {
      const rec = findContainer(c, params.name!);
      if (!isLive(rec)) return Reply.notModified();
      await c.stop(rec.id, stopTimeout(query.int('t', { min: -1 })));
      return Reply.noContent();
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/restart',
    handler: async ({ params, query }) => {
      const rec = findContainer(c, params.name!);
      await c.restart(rec.id, stopTimeout(query.int('t', { min: -1 })));
      return Reply.noContent();
    },
  });

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/kill',
    handler: async ({ params, query }) => {
      const rec = findContainer(c, params.name!);
      const signal = query.string('signal') || 'SIGKILL';
      if (!/^(SIG)?[A-Z0-9+-]+$|^\d+$/i.test(signal))
        throw new AgentError('INVALID_ARGUMENT', `Invalid signal: ${signal.slice(0, 32)}`);
      if (!isLive(rec))
        throw new AgentError('FAILED_PRECONDITION', `Container ${rec.id} is not running`);
      await c.kill(rec.id, signal.toUpperCase());
      return Reply.noContent();
    },
  });

  for (const verb of ['pause', 'unpause'] as const) {
    router.add({
      method: 'POST',
      path: `/containers/{name:.*}/${verb}`,
      handler: async ({ params }) => {
        const rec = findContainer(c, params.name!);
        if (verb === 'pause' && rec.state !== 'running')
          throw new AgentError(
            'FAILED_PRECONDITION',
            rec.state === 'paused'
              ? `Container ${rec.id} is already paused`
              : `Container ${rec.id} is not running`,
          );
        if (verb === 'unpause' && rec.state !== 'paused')
          throw new AgentError('FAILED_PRECONDITION', `Container ${rec.id} is not paused`);
        await c[verb](rec.id);
        return Reply.noContent();
      },
    });
  }

  router.add({
    method: 'POST',
    path: '/containers/{name:.*}/wait',
    handler: async ({ params, query, req, res }) => {
      const rec = findContainer(c, params.name!);
      const raw = query.string('condition') || 'not-running';
      if (!(waitConditions as readonly string[]).includes(raw))
        throw new AgentError('INVALID_ARGUMENT', `invalid condition: "${raw.slice(0, 32)}"`);
      const abort = new AbortController();
      res.once('close', () => abort.abort());
      const result = waitForCondition(c, rec.id, raw as WaitCondition, abort.signal);
      // the docker client waits for the headers before it starts the container: send them now
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      req.resume();
      try {
        const r = await result;
        res.end(JSON.stringify({ StatusCode: r.exitCode, Error: null }) + '\n');
      } catch {
        res.destroy();
      }
    },
  });

  router.add({
    method: 'DELETE',
    path: '/containers/{name:.*}',
    handler: async ({ params, query }) => {
      if (query.bool('link'))
        throw new AgentError('INVALID_ARGUMENT', 'links are not supported by Berth');
      const rec = findContainer(c, params.name!);
      if (isLive(rec) && !query.bool('force'))
        throw new AgentError(
          'FAILED_PRECONDITION',
          `You cannot remove a ${rec.state} container ${rec.id}. ${rec.state === 'paused' ? 'Unpause and then stop' : 'Stop'} the container before attempting removal or force remove`,
        );
      const anonymous = query.bool('v') ? anonymousVolumesOf(rec.options) : [];
      await c.remove(rec.id, query.bool('force'));
      for (const v of anonymous)
        await c
          .removeVolume(v, false)
          .catch((err: unknown) =>
            deps.log.warn(
              `could not remove anonymous volume ${v}: ${err instanceof Error ? err.message : String(err)}`,
            ),
          );
      return Reply.noContent();
    },
  });
}

/**
 * The networks a create names must exist before the image is looked at: a 404 from create
 * means "no such image" to the docker CLI, which would then pull the image and try again.
 */
async function requireNetworks(
  deps: DockerRouteDeps,
  req: { network?: string; networks?: Array<{ network: string }> },
): Promise<void> {
  const refs = new Set([req.network ?? 'bridge', ...(req.networks ?? []).map((n) => n.network)]);
  for (const ref of refs) {
    if (ref === 'bridge' || ref === 'host' || ref === 'none') continue;
    try {
      await deps.networks.inspect(ref);
    } catch (err) {
      if (toWireError(err).code === 'NOT_FOUND')
        throw new AgentError('INVALID_ARGUMENT', `network ${ref} not found`);
      throw err;
    }
  }
}

/** The anonymous volumes the Docker API created for a container (removed with `rm -v`). */
export function anonymousVolumesOf(options: Readonly<Record<string, unknown>>): string[] {
  const d = options.docker as { anonymousVolumes?: unknown } | undefined;
  const v = d?.anonymousVolumes;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
