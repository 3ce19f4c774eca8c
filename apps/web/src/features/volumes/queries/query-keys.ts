export const volumeKeys = {
  all: ['volumes'] as const,
  host: (hostId: string) => [...volumeKeys.all, 'host', hostId] as const,
  files: (hostId: string, name: string, path: string) =>
    [...volumeKeys.all, 'files', hostId, name, path] as const,
};
