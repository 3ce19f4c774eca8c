/** Whether a registry host (with optional port) is on loopback and so spoken to over plain HTTP. */
export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Base URL of a registry's API: HTTPS unless loopback or listed as insecure; docker.io → registry-1. */
export function registryBaseUrl(host: string, insecure: readonly string[] = []): string {
  const target = host === 'docker.io' ? 'registry-1.docker.io' : host;
  const plain = isLoopbackHost(host) || insecure.includes(host);
  return `${plain ? 'http' : 'https'}://${target}`;
}

/** `repository:<name>:<actions>` scopes for a token request. */
export function repositoryScope(repository: string, actions: readonly string[]): string {
  return `repository:${repository}:${actions.join(',')}`;
}

/**
 * Where a registry's bearer challenge may send us (with the user's credentials) for a token:
 * https anywhere (Docker Hub's realm is auth.docker.io), plain http only to the registry's own
 * host when the registry itself is spoken to over http (loopback or listed as insecure).
 */
export function isAllowedTokenRealm(realm: URL, registryBaseUrl: string): boolean {
  if (realm.protocol === 'https:') return true;
  const registry = new URL(registryBaseUrl);
  return (
    realm.protocol === 'http:' &&
    registry.protocol === 'http:' &&
    realm.hostname === registry.hostname
  );
}
