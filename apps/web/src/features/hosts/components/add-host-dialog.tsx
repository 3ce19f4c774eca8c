'use client';

import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../app/_components/dialog.js';
import { Button, ErrorText, Field, inputClass } from '../../../app/_components/ui.js';
import { useCreateHost } from '../queries/use-create-host.js';
import { JoinCommand } from './join-command.js';

export function AddHostDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateHost();
  const [name, setName] = useState('');

  function close() {
    create.reset();
    setName('');
    onClose();
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(name.trim());
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
        <form onSubmit={submit} className="space-y-4">
          <Field label="Name" htmlFor="host-name">
            <input
              id="host-name"
              required
              autoFocus
              className={inputClass}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. web-1"
            />
          </Field>
          <ErrorText error={create.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              Create
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
