import { isIndexType, sha256, type Descriptor, type Digest } from './oci.js';
import type { TestImage } from './images.js';

/** `host[:port]/repo[:tag]` as test references spell them (always with a registry host). */
export function splitTestRef(ref: string): { host: string; repository: string; tag: string } {
  const slash = ref.indexOf('/');
  if (slash < 0) throw new Error(`test reference "${ref}" needs a registry host`);
  const host = ref.slice(0, slash);
  const rest = ref.slice(slash + 1);
  const colon = rest.lastIndexOf(':');
  return colon > rest.lastIndexOf('/')
    ? { host, repository: rest.slice(0, colon), tag: rest.slice(colon + 1) }
    : { host, repository: rest, tag: 'latest' };
}

/**
 * Pushes a test image to a loopback registry with plain calls of the distribution API (blobs by
 * POST + PUT, then manifests, an index's children before the index), not with Berth's own push
 * code, which has its own tests. `ref` like `127.0.0.1:5000/busybox:latest`; returns the root
 * digest. `auth`: basic auth for a registry started with `startRegistry({ auth })`.
 */
export async function pushTestImage(
  ref: string,
  image: TestImage,
  opts: { auth?: { username: string; password: string } } = {},
): Promise<Digest> {
  const { host, repository, tag } = splitTestRef(ref);
  const base = `http://${host}/v2/${repository}`;
  const auth: Record<string, string> = opts.auth
    ? {
        authorization: `Basic ${Buffer.from(`${opts.auth.username}:${opts.auth.password}`).toString('base64')}`,
      }
    : {};
  const blob = (d: Digest) => {
    const b = image.blobs.get(d);
    if (!b) throw new Error(`test image has no blob ${d}`);
    return b;
  };
  const pushManifest = async (desc: Descriptor, as: string) => {
    const m = JSON.parse(blob(desc.digest).toString('utf8')) as {
      config: Descriptor;
      layers: Descriptor[];
    };
    for (const d of [m.config, ...m.layers]) await pushBlob(base, d.digest, blob(d.digest), auth);
    await putManifest(base, as, desc.mediaType, blob(desc.digest), auth);
  };
  if (isIndexType(image.root.mediaType)) {
    const index = JSON.parse(blob(image.root.digest).toString('utf8')) as {
      manifests: Descriptor[];
    };
    for (const child of index.manifests) await pushManifest(child, child.digest);
    await putManifest(base, tag, image.root.mediaType, blob(image.root.digest), auth);
  } else {
    await pushManifest(image.root, tag);
  }
  return image.root.digest;
}

async function pushBlob(
  base: string,
  digest: Digest,
  data: Buffer,
  auth: Record<string, string>,
): Promise<void> {
  if ((await fetch(`${base}/blobs/${digest}`, { method: 'HEAD', headers: auth })).ok) return;
  const started = await fetch(`${base}/blobs/uploads/`, { method: 'POST', headers: auth });
  await started.arrayBuffer();
  const location = started.headers.get('location');
  if (started.status !== 202 || !location)
    throw new Error(`blob upload of ${digest}: HTTP ${started.status}`);
  const url = new URL(location, base);
  url.searchParams.set('digest', digest);
  const put = await fetch(url, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    body: data,
  });
  await put.arrayBuffer();
  if (put.status !== 201) throw new Error(`blob upload of ${digest}: HTTP ${put.status}`);
}

async function putManifest(
  base: string,
  as: string,
  mediaType: string,
  body: Buffer,
  auth: Record<string, string>,
) {
  const res = await fetch(`${base}/manifests/${as}`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': mediaType },
    body,
  });
  const text = await res.text();
  if (res.status !== 201)
    throw new Error(`manifest ${as} (${sha256(body)}): HTTP ${res.status} ${text}`);
}
