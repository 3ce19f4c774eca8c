import { invalidArgument } from '../errors.js';
import { isDigest, type Digest } from '../digest/digest.js';

/**
 * Docker's image reference grammar (distribution/reference), normalized the way `docker pull`
 * does: a missing registry is docker.io, single-component docker.io names get `library/`,
 * a reference with neither tag nor digest gets `latest`.
 */
export interface ImageReference {
  /** Registry host (with port), e.g. `docker.io`, `localhost:5000`, `[::1]:5000`. */
  readonly registry: string;
  /** Repository path, e.g. `library/busybox`. */
  readonly repository: string;
  readonly tag: string | undefined;
  readonly digest: Digest | undefined;
}

export const DEFAULT_REGISTRY = 'docker.io';
export const DEFAULT_TAG = 'latest';
const LEGACY_REGISTRY = 'index.docker.io';
const NAME_TOTAL_MAX = 255;

const alnum = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainComponent}(?:\\.${domainComponent})*`;
const domain = `(?:${domainName}|${ipv6})(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const PATH_RE = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const DOMAIN_RE = new RegExp(`^${domain}$`);
const TAG_RE = new RegExp(`^${tag}$`);
const DIGEST_RE = new RegExp(`^${digestPat}$`);
const ANCHORED_ID_RE = /^[a-f0-9]{64}$/;

/** Parses and normalizes an image reference; any violation is INVALID_ARGUMENT naming the input. */
export function parseReference(input: string): ImageReference {
  const fail = (why: string) => invalidArgument(`invalid reference "${input}": ${why}`);
  if (input.length === 0) throw fail('empty');
  if (ANCHORED_ID_RE.test(input)) throw fail('cannot specify 64-byte hexadecimal strings');

  let rest = input;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = rest.slice(at + 1);
    if (!DIGEST_RE.test(d)) throw fail('invalid digest format');
    if (!isDigest(d)) throw fail('unsupported digest (only sha256:<64 hex>)');
    digest = d;
    rest = rest.slice(0, at);
  }

  let tagValue: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tagValue = rest.slice(lastColon + 1);
    if (!TAG_RE.test(tagValue)) throw fail('invalid tag format');
    rest = rest.slice(0, lastColon);
  }
  if (rest.length === 0) throw fail('missing repository name');
  if (rest.length > NAME_TOTAL_MAX)
    throw fail(`repository name must not be more than ${NAME_TOTAL_MAX} characters`);

  const { registry, path } = splitDomain(rest);
  if (path.length === 0) throw fail('missing repository name');
  if (registry !== DEFAULT_REGISTRY && !DOMAIN_RE.test(registry))
    throw fail('invalid registry host');
  if (path !== path.toLowerCase()) throw fail('repository name must be lowercase');
  if (!PATH_RE.test(path)) throw fail('invalid reference format');

  return {
    registry,
    repository: path,
    tag: tagValue ?? (digest ? undefined : DEFAULT_TAG),
    digest,
  };
}

function splitDomain(name: string): { registry: string; path: string } {
  const slash = name.indexOf('/');
  let registry = DEFAULT_REGISTRY;
  let path = name;
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (
      first.includes('.') ||
      first.includes(':') ||
      first === 'localhost' ||
      first !== first.toLowerCase()
    ) {
      registry = first;
      path = name.slice(slash + 1);
    }
  }
  if (registry === LEGACY_REGISTRY) registry = DEFAULT_REGISTRY;
  if (registry === DEFAULT_REGISTRY && !path.includes('/')) path = `library/${path}`;
  return { registry, path };
}

/** The fully qualified string: `docker.io/library/busybox:latest`, `host/repo@sha256:…`. */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The short form docker shows: `busybox:latest`, `user/app:1`, `localhost:5000/app:1`. */
export function familiarName(ref: ImageReference): string {
  let name = `${ref.registry}/${ref.repository}`;
  if (ref.registry === DEFAULT_REGISTRY) {
    name = ref.repository.startsWith('library/') ? ref.repository.slice(8) : ref.repository;
  }
  return `${name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** `registry/repository` without tag or digest. */
export function repositoryName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The name:tag form used as an image record's tag (digest dropped). */
export function tagName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}:${ref.tag ?? DEFAULT_TAG}`;
}

/** The reference to send to the registry for a manifest: digest wins over tag. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? DEFAULT_TAG;
}
