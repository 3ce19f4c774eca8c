'use client';

import { useState } from 'react';
import { Dialog } from '../../../components/ui/dialog.js';
import { Button, ErrorText, TextField } from '../../../components/ui/ui.js';
import { ImageRefSchema } from '@berth/protocol';
import type { usePullImage } from '../queries/use-pull-image.js';
import { PullProgressBars } from './pull-progress-bars.js';

/** "Pull image": a reference, then per-layer progress bars until it is done. */
export function PullDialog({
  open,
  onClose,
  pull,
  initialRef = '',
}: {
  open: boolean;
  onClose: () => void;
  pull: ReturnType<typeof usePullImage>;
  initialRef?: string;
}) {
  const [ref, setRef] = useState(initialRef);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open={open} onClose={onClose} title="Pull image">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          // One attempt's outcome at a time: the previous one's error goes.
          pull.reset();
          const parsed = ImageRefSchema.safeParse(ref.trim());
          if (!parsed.success) {
            return setError(
              ref.trim()
                ? 'That is not an image reference (e.g. busybox:1.36)'
                : 'Image is required',
            );
          }
          setError(null);
          pull.mutate(parsed.data);
        }}
      >
        <TextField
          label="Image reference"
          id="pull-ref"
          placeholder="127.0.0.1:5000/library/busybox:latest"
          value={ref}
          autoFocus
          onChange={setRef}
        />
        {error ? <ErrorText error={error} /> : null}
        {pull.error ? <ErrorText error={pull.error} /> : null}
        {pull.isPending || pull.progress.layers.length > 0 ? (
          <PullProgressBars view={pull.progress} label={pull.pullRef ?? ref} />
        ) : null}
        {pull.isSuccess ? (
          <p role="status" className="text-sm text-green-700 dark:text-green-400">
            Pulled {pull.data.image.repoTags[0] ?? pull.data.image.id}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" disabled={pull.isPending}>
            {pull.isPending ? 'Pulling…' : 'Pull'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
