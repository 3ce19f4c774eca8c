export const imageKeys = {
  all: ['images'] as const,
  host: (hostId: string) => [...imageKeys.all, 'host', hostId] as const,
  layers: (hostId: string) => [...imageKeys.all, 'layers', hostId] as const,
};
