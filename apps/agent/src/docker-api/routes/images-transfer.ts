import type { ServerResponse } from 'node:http';
import { parseReference, repositoryName, type Credentials } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import { createProgressThrottle } from '../../link/progress-throttle.js';
import type { DockerRouteDeps } from '../deps.js';
import { JsonStream } from '../http/json-stream.js';
import { queryOf } from '../http/query-schema.js';
import type { DockerContext, DockerRouter } from '../http/router.js';
import { PullProgress, PushProgress } from '../translate/image-progress.js';
import { familiar, pullReference, registryHost } from '../translate/image-refs.js';
import { credentialsOf, decodeRegistryAuth } from '../translate/registry-auth.js';
import { AuthConfigSchema, ImageCreateQuerySchema, ImagePushQuerySchema } from '../types/image.js';
import { findImage } from './image-lookup.js';

type StreamCtx = DockerContext & { res: ServerResponse };

const PROGRESS_INTERVAL_MS = 100;

/** `POST /images/create` (pull), `POST /images/{name}/push`, `POST /auth` (docker login). */
export function registerImageTransferRoutes(router: DockerRouter, deps: DockerRouteDeps): void {
  router.add({ method: 'POST', path: '/images/create', handler: (ctx) => pull(deps, ctx) });
  router.add({
    method: 'POST',
    path: '/images/{name:.*}/push',
    handler: (ctx) => push(deps, ctx),
  });
  router.add({
    method: 'POST',
    path: '/auth',
    body: AuthConfigSchema,
    handler: async ({ body }) => {
      const creds = credentialsOf(body);
      if (!creds) throw new AgentError('INVALID_ARGUMENT', 'username and password are required');
      await deps.imageEngine.verifyLogin(registryHost(body.serveraddress ?? 'docker.io'), creds);
      return { Status: 'Login Succeeded', IdentityToken: '' };
    },
  });
}

function credentials(ctx: StreamCtx): Credentials | undefined {
  return decodeRegistryAuth(ctx.req.headers['x-registry-auth']);
}

/**
 * A pull with dockerd's progress stream: `Pulling from`, per-layer lines, `Digest:`, `Status:`.
 * Nothing is written until the manifest is resolved, so an unknown image is a 404 like dockerd's.
 */
async function pull(deps: DockerRouteDeps, ctx: StreamCtx): Promise<undefined> {
  const q = queryOf(ImageCreateQuerySchema, ctx.query);
  if (q.fromSrc !== undefined)
    throw new AgentError(
      'UNIMPLEMENTED',
      "POST /images/create?fromSrc (docker import) is not implemented by Berth's Docker API",
    );
  if (!q.fromImage) throw new AgentError('INVALID_ARGUMENT', 'fromImage is required');
  const ref = pullReference(q.fromImage, q.tag);
  const parsed = parseReference(ref);
  const creds = credentials(ctx);
  const before = await deps.imageEngine.resolve(ref).catch(() => undefined);
  const stream = new JsonStream(ctx.res);
  const progress = new PullProgress();
  // byte updates at most every 100 ms per layer, as dockerd's progress reader does (each line
  // was a write to the client's socket, a few hundred per pull)
  const throttle = createProgressThrottle(PROGRESS_INTERVAL_MS);
  let announced = false;
  const announce = () => {
    if (announced) return;
    announced = true;
    stream.write({ status: `Pulling from ${parsed.repository}`, id: parsed.digest ?? parsed.tag });
  };
  return stream.run(async () => {
    const pulled = await notFoundAsDocker(
      ref,
      () => !announced,
      () =>
        deps.images.pull(ref, {
          platform: q.platform || undefined,
          credentials: creds,
          onProgress: (p) => {
            announce();
            if (!throttle(p)) return;
            stream.write(...progress.translate(p));
            if (progress.changed) stream.write(...progress.takeHeld());
          },
        }),
    );
    announce();
    const r = await deps.imageEngine.resolve(pulled.id);
    const fresh = before?.id !== r.id || progress.changed;
    if (fresh) stream.write(...progress.takeHeld());
    stream.write(
      { status: `Digest: ${r.indexDigest ?? r.manifestDigest}` },
      {
        status: `Status: ${fresh ? 'Downloaded newer image' : 'Image is up to date'} for ${familiar(ref)}`,
      },
    );
  });
}

/** A NOT_FOUND before any layer (the manifest) in dockerd's words: `manifest for X not found: …`. */
async function notFoundAsDocker<T>(
  ref: string,
  beforeLayers: () => boolean,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (beforeLayers() && err instanceof Error && 'code' in err && err.code === 'NOT_FOUND')
      throw new AgentError('NOT_FOUND', `manifest for ${familiar(ref)} not found: ${err.message}`);
    throw err;
  }
}

/**
 * A push with dockerd's stream: `The push refers to repository [...]`, per-layer lines,
 * `TAG: digest: … size: …` and the `aux` line the client reads. Without `tag`, every tag of the
 * repository is pushed (as dockerd).
 */
async function push(deps: DockerRouteDeps, ctx: StreamCtx): Promise<undefined> {
  const q = queryOf(ImagePushQuerySchema, ctx.query);
  const name = ctx.params.name!;
  const base = parseReference(name);
  if (base.digest) throw new AgentError('INVALID_ARGUMENT', 'cannot push a digest reference');
  const repo = repositoryName(base);
  const creds = credentials(ctx);
  const stream = new JsonStream(ctx.res);
  return stream.run(async () => {
    stream.write({ status: `The push refers to repository [${repo}]` });
    const targets = q.tag
      ? [`${repo}:${q.tag}`]
      : (await deps.imageEngine.images.list())
          .flatMap((r) => r.repoTags)
          .filter((t) => repositoryName(parseReference(t)) === repo);
    if (targets.length === 0)
      throw new AgentError(
        'NOT_FOUND',
        `An image does not exist locally with the tag: ${familiar(repo)}`,
      );
    for (const target of targets) await pushOne(deps, stream, target, creds);
  });
}

async function pushOne(
  deps: DockerRouteDeps,
  stream: JsonStream,
  target: string,
  creds: Credentials | undefined,
): Promise<void> {
  const r = await findImage(deps.imageEngine, target).catch(() => {
    throw new AgentError(
      'NOT_FOUND',
      `An image does not exist locally with the tag: ${familiar(target)}`,
    );
  });
  const dest = parseReference(target);
  const diffIds = new Map(r.layers.map((l) => [l.digest as string, l.diffId as string]));
  const sources = [...r.repoTags, ...r.repoDigests]
    .map((n) => parseReference(n))
    .filter((x) => x.registry === dest.registry && x.repository !== dest.repository);
  const progress = new PushProgress((b) => diffIds.get(b), sources[0]?.repository ?? '');
  stream.write(...progress.preparing(r.layers.map((l) => l.diffId)));
  const pushed = await deps.images.push(target, {
    credentials: creds,
    onProgress: (p) => stream.write(...progress.translate(p)),
  });
  const tag = dest.tag ?? 'latest';
  stream.write(
    { status: `${tag}: digest: ${pushed.digest} size: ${r.manifestSize}` },
    { progressDetail: {}, aux: { Tag: tag, Digest: pushed.digest, Size: r.manifestSize } },
  );
}
