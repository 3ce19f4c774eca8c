export const registryGrantKeys = {
  all: ['registry-grants'] as const,
  list: () => [...registryGrantKeys.all, 'list'] as const,
};

export const registryCredentialKeys = {
  all: ['registry-credentials'] as const,
  list: () => [...registryCredentialKeys.all, 'list'] as const,
};
