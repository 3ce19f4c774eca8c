export const tokenKeys = {
  all: ['tokens'] as const,
  list: (all = false) => [...tokenKeys.all, 'list', all ? 'everyone' : 'mine'] as const,
};
