export const networkKeys = {
  all: ['networks'] as const,
  host: (hostId: string) => [...networkKeys.all, 'host', hostId] as const,
};
