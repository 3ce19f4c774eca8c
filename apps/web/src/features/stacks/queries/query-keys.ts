export const stackKeys = {
  all: ['stacks'] as const,
  list: () => [...stackKeys.all, 'list'] as const,
  detail: (name: string) => [...stackKeys.all, 'detail', name] as const,
  version: (name: string, n: number) => [...stackKeys.all, 'version', name, n] as const,
  logs: (name: string, hostId: string) => [...stackKeys.all, 'logs', name, hostId] as const,
};
