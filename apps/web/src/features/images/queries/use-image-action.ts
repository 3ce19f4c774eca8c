'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { errorParts } from '../../../lib/error-words.js';
import { useToast } from '../../../components/ui/toaster.js';
import { imageKeys } from './query-keys.js';

export type ImageAction =
  | { kind: 'tag'; source: string; target: string }
  | { kind: 'push'; ref: string }
  | { kind: 'remove'; ref: string; force?: boolean }
  | { kind: 'prune' };

function body(a: ImageAction): Record<string, unknown> {
  switch (a.kind) {
    case 'tag':
      return { source: a.source, target: a.target };
    case 'push':
      return { ref: a.ref };
    case 'remove':
      return a.force ? { ref: a.ref, force: true } : { ref: a.ref };
    case 'prune':
      return {};
  }
}

const done: Record<ImageAction['kind'], string> = {
  tag: 'Tagged',
  push: 'Pushed',
  remove: 'Removed',
  prune: 'Pruned',
};

/** Tag, push, remove, prune: agent errors become a toast with the agent's message. */
export function useImageAction(hostId: string) {
  const qc = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (a: ImageAction) =>
      api<unknown>(`/api/hosts/${encodeURIComponent(hostId)}/images/${a.kind}`, {
        method: 'POST',
        body: body(a),
      }),
    onSuccess: (_r, a) => toast('success', done[a.kind]),
    onError: (err) => {
      const { message, detail } = errorParts(err);
      toast('error', message, detail);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: imageKeys.all }),
  });
}
