export const alertKeys = {
  all: ['alerts'] as const,
  history: (state: string, page: number) => [...alertKeys.all, 'history', state, page] as const,
  rules: () => [...alertKeys.all, 'rules'] as const,
  channels: () => [...alertKeys.all, 'channels'] as const,
  silences: () => [...alertKeys.all, 'silences'] as const,
};
