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
