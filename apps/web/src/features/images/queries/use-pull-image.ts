'use client';

import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import type { ImagePullProgressEvent } from '../../../lib/socket/image-messages.js';
import type { ImageDto } from '../../../lib/dto/image.js';
import { errorParts } from '../../../lib/error-words.js';
import { useToast } from '../../../components/ui/toaster.js';
import { applyProgress, emptyPull, type PullView } from '../pull-progress.js';
import { imageKeys } from './query-keys.js';

function newPullId(): string {
  return `pull-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Pull an image on a host, with per-layer progress from the events of this pull (they come to
 * this tab's socket only). `progress` keeps the last pull's bars until the next one starts.
 * `toasts: false` when the caller shows the outcome itself (the create form).
 */
export function usePullImage(hostId: string, opts: { toasts?: boolean } = {}) {
  const toasts = opts.toasts ?? true;
  const qc = useQueryClient();
  const toast = useToast();
  const { socket } = useUiSocket();
  // A ref, not state: the listener must know the id before the first event can arrive.
  const pullIdRef = useRef<string | null>(null);
  const [ref, setRef] = useState<string | null>(null);
  const [progress, setProgress] = useState<PullView>(emptyPull);

  useEffect(() => {
    if (!socket) return;
    const onProgress = (e: ImagePullProgressEvent) => {
      if (e.pullId === pullIdRef.current && e.hostId === hostId) {
        setProgress((v) => applyProgress(v, e));
      }
    };
    socket.on('image.pull.progress', onProgress);
    return () => {
      socket.off('image.pull.progress', onProgress);
    };
  }, [socket, hostId]);

  const mutation = useMutation({
    mutationFn: (imageRef: string) => {
      const id = newPullId();
      pullIdRef.current = id;
      setRef(imageRef);
      setProgress(emptyPull);
      return api<{ pullId: string; image: ImageDto }>(
        `/api/hosts/${encodeURIComponent(hostId)}/images/pull`,
        {
          method: 'POST',
          body: { ref: imageRef, pullId: id, ...(socket?.id ? { socketId: socket.id } : {}) },
        },
      );
    },
    onSuccess: (r) => {
      if (toasts) toast('success', `Pulled ${r.image.repoTags[0] ?? r.image.id}`);
    },
    onError: (err) => {
      if (!toasts) return;
      const { message, detail } = errorParts(err);
      toast('error', message, detail);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: imageKeys.all }),
  });

  return { ...mutation, pullRef: ref, progress };
}
