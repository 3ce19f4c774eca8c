import {
  familiarName,
  parseReference,
  repositoryName,
  tagName,
  type ImageRecord,
} from '@berth/runtime';
import { AgentError } from '../../errors.js';

// Image names as the Docker API takes and shows them (moby's reference handling at its routes).

/** Pure: a stored name (`docker.io/library/busybox:latest`) as Docker shows it (`busybox:latest`). */
export function familiar(name: string): string {
  try {
    return familiarName(parseReference(name));
  } catch {
    return name;
  }
}

/**
 * Pure: `repo` and `tag` of `POST /images/{name}/tag` → the name to tag with (`tag` replaces a
 * tag in `repo`; neither means `latest`). A digest is refused, as Docker refuses it.
 */
export function tagTarget(repo: string, tag: string | undefined): string {
  const ref = parseReference(repo);
  if (ref.digest)
    throw new AgentError('INVALID_ARGUMENT', 'refusing to create a tag with a digest reference');
  const target = `${repositoryName(ref)}:${tag || ref.tag || 'latest'}`;
  parseReference(target); // the tag's own grammar
  return target;
}

/**
 * Pure: `fromImage` and `tag` of `POST /images/create` → the reference to pull, as dockerd reads
 * them: `tag` may be a digest, and replaces a tag in `fromImage`. A name with neither asks for
 * every tag (`docker pull -a`), which Berth does not serve.
 */
export function pullReference(fromImage: string, tag: string | undefined): string {
  const image = fromImage.replace(/:$/, '');
  const ref = parseReference(image);
  const named = !/:[^/]*$/.test(image.replace(/@.*$/, '')) && !image.includes('@');
  if (tag) {
    const out = `${repositoryName(ref)}${tag.includes(':') ? '@' : ':'}${tag}`;
    parseReference(out); // the tag's or digest's own grammar
    return out;
  }
  if (named)
    throw new AgentError(
      'UNIMPLEMENTED',
      'pulling every tag of a repository (docker pull --all-tags) is not implemented by Berth',
    );
  return image;
}

/** Pure: a registry address as `docker login` sends it (`https://index.docker.io/v1/`) → its host. */
export function registryHost(serverAddress: string): string {
  const host = serverAddress
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  if (!host) throw new AgentError('INVALID_ARGUMENT', 'serveraddress is required');
  return ['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'].includes(host)
    ? 'docker.io'
    : host;
}

/**
 * Pure: the names `docker save NAME` writes for one image, as dockerd 20.10 picks them: by ID or
 * by digest none (the image loads back nameless), by `name:tag` that tag, by a bare name every tag
 * of that repository the image holds.
 */
export function saveNames(ref: string, image: ImageRecord, byId: boolean): string[] {
  if (byId || ref.includes('@')) return [];
  const parsed = parseReference(ref);
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  if (last.includes(':')) return [tagName(parsed)];
  const repo = repositoryName(parsed);
  return image.repoTags.filter((t) => repositoryName(parseReference(t)) === repo);
}
