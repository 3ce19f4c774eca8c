export const containerKeys = {
  all: ['containers'] as const,
  /** Every container of every host (the mirror); pushes keep it current. */
  list: () => [...containerKeys.all, 'list'] as const,
  inspect: (hostId: string, engineId: string) =>
    [...containerKeys.all, 'inspect', hostId, engineId] as const,
  spec: (hostId: string, engineId: string) =>
    [...containerKeys.all, 'spec', hostId, engineId] as const,
  logs: (hostId: string, engineId: string, tail: number) =>
    [...containerKeys.all, 'logs', hostId, engineId, tail] as const,
};
