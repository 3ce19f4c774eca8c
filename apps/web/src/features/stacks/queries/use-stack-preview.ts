'use client';

import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StackPreviewDto } from '../../../lib/dto/stack.js';

/** What deploying a file would do on a host (the agent plans it; nothing changes). */
export function useStackPreview() {
  return useMutation({
    mutationFn: (p: {
      name: string;
      existing: boolean;
      hostId: string;
      compose: string;
      env: string;
    }) =>
      api<StackPreviewDto>(
        p.existing ? `/api/stacks/${encodeURIComponent(p.name)}/preview` : '/api/stacks/preview',
        {
          method: 'POST',
          body: {
            ...(p.existing ? {} : { name: p.name }),
            hostId: p.hostId,
            compose: p.compose,
            env: p.env,
          },
        },
      ),
  });
}
