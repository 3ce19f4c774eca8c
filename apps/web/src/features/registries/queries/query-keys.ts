export const registryGrantKeys = {
  all: ['registry-grants'] as const,
  list: () => [...registryGrantKeys.all, 'list'] as const,
};
