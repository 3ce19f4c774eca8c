'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import { Button, ErrorText, TextField } from '../../../components/ui/ui.js';
import { useChangePassword } from '../queries/use-change-password.js';

export function ChangePasswordForm() {
  const change = useChangePassword();
  const router = useRouter();
  const { reconnect } = useUiSocket();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const mismatch = confirm !== '' && confirm !== newPassword;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (mismatch) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          setConfirm('');
          // A first password change lifts the block: re-render the shell, open the live socket.
          router.refresh();
          reconnect();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="max-w-sm space-y-4">
      <TextField
        label="Current password"
        id="current-password"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={setCurrent}
      />
      <TextField
        label="New password"
        id="new-password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        required
        value={newPassword}
        onChange={setNew}
      />
      <TextField
        label="Confirm new password"
        id="confirm-password"
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        aria-invalid={mismatch}
        onChange={setConfirm}
      />
      {mismatch ? (
        <p role="alert" className="text-sm text-red-600">
          The passwords do not match.
        </p>
      ) : null}
      <ErrorText error={change.error} />
      {change.isSuccess ? (
        <p role="status" className="text-sm text-green-700 dark:text-green-400">
          Password changed. Your other sessions were signed out.
        </p>
      ) : null}
      <Button type="submit" disabled={change.isPending || mismatch}>
        Change password
      </Button>
    </form>
  );
}
