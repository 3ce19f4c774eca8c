export const hostKeys = {
  all: ['hosts'] as const,
  list: () => [...hostKeys.all, 'list'] as const,
  detail: (id: string) => [...hostKeys.all, 'detail', id] as const,
  bundle: () => [...hostKeys.all, 'bundle'] as const,
};
