'use client';

import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useUiSocket } from '../../../lib/socket/ui-socket.js';
import { Button, ErrorText, Field, inputClass } from '../../../components/ui/ui.js';
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
      <Field label="Current password" htmlFor="current-password">
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          required
          className={inputClass}
          value={currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </Field>
      <Field label="New password" htmlFor="new-password">
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          className={inputClass}
          value={newPassword}
          onChange={(e) => setNew(e.target.value)}
        />
      </Field>
      <Field label="Confirm new password" htmlFor="confirm-password">
        <input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          required
          className={inputClass}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={mismatch}
        />
      </Field>
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
