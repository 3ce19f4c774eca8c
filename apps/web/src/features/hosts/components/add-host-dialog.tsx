'use client';

import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/ui/dialog.js';
import { Button, ErrorText, SubmitActions, TextField } from '../../../components/ui/ui.js';
import { useCreateHost } from '../queries/use-create-host.js';
import { hostNameSchema } from '../../../lib/api-schemas.js';
import { JoinCommand } from './join-command.js';

export function AddHostDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateHost();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function close() {
    create.reset();
    setName('');
    setProblem(null);
    onClose();
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    const issue = hostNameSchema.safeParse(trimmed).error?.issues[0];
    if (!trimmed) return setProblem('Give the host a name, e.g. web-1.');
    if (issue)
      return setProblem(
        'A host name has 1 to 63 letters, digits, dots, dashes or underscores, and starts and ends with a letter or digit.',
      );
    setProblem(null);
    create.mutate(trimmed);
  }

  return (
    <Dialog open={open} onClose={close} title="Add host">
      {create.data ? (
        <>
          <JoinCommand result={create.data} />
          <div className="flex justify-end">
            <Button onClick={close}>Done</Button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4">
          <TextField
            label="Name"
            id="host-name"
            required
            autoFocus
            value={name}
            aria-invalid={problem ? true : undefined}
            placeholder="e.g. web-1"
            onChange={setName}
          />
          <ErrorText error={problem ?? create.error} />
          <SubmitActions onCancel={close} pending={create.isPending}>
            Create
          </SubmitActions>
        </form>
      )}
    </Dialog>
  );
}
