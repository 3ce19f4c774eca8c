'use client';

import { useState } from 'react';
import {
  Button,
  ErrorText,
  Field,
  inputClass,
  SubmitActions,
  tdClass,
} from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { roles, type Role } from '../../../lib/roles.js';
import { useUpdateUser } from '../queries/use-update-user.js';
import { useDeleteUser } from '../queries/use-delete-user.js';
import { useResetPassword } from '../queries/use-reset-password.js';
import { type UserViewModel } from '../user-view-model.js';

export function UserRow({ vm }: { vm: UserViewModel }) {
  const update = useUpdateUser();
  const del = useDeleteUser();
  const reset = useResetPassword();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  return (
    <tr>
      <td className={tdClass}>
        {vm.username}
        {vm.isSelf ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
      </td>
      <td className={tdClass}>
        <select
          id={`role-${vm.id}`}
          aria-label={`Access level for ${vm.username}`}
          className={`${inputClass} w-32`}
          value={vm.role}
          disabled={vm.isSelf || update.isPending}
          onChange={(e) => update.mutate({ id: vm.id, role: e.target.value as Role })}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td className={tdClass}>{vm.status}</td>
      <td className={tdClass}>{vm.lastLogin}</td>
      <td className={`${tdClass} space-x-2 whitespace-nowrap`}>
        <Button
          variant="secondary"
          disabled={vm.isSelf}
          onClick={() => update.mutate({ id: vm.id, disabled: vm.status === 'active' })}
        >
          {vm.status === 'active' ? 'Disable' : 'Enable'}
        </Button>
        <Button variant="secondary" onClick={() => setResetting(true)}>
          Reset password
        </Button>
        <Button variant="danger" disabled={vm.isSelf} onClick={() => setConfirmDelete(true)}>
          Delete
        </Button>
        <ErrorText error={update.error ?? del.error} />
        <Dialog
          open={confirmDelete}
          onClose={() => setConfirmDelete(false)}
          title={`Delete ${vm.username}?`}
        >
          <p className="text-sm">Their sessions end now. Audit entries keep their name.</p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirmDelete(false)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              onClick={() => del.mutate(vm.id, { onSettled: () => setConfirmDelete(false) })}
            >
              Delete
            </Button>
          </div>
        </Dialog>
        <Dialog
          open={resetting}
          onClose={() => {
            setResetting(false);
            setNewPassword('');
            reset.reset();
          }}
          title={`New password for ${vm.username}`}
        >
          <form
            className="space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              reset.mutate(
                { id: vm.id, password: newPassword },
                {
                  onSuccess: () => {
                    setResetting(false);
                    setNewPassword('');
                  },
                },
              );
            }}
          >
            <Field label="New password" htmlFor={`reset-${vm.id}`}>
              <input
                id={`reset-${vm.id}`}
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
                className={inputClass}
                value={newPassword}
                onChange={(e) => setNewPassword(e.target.value)}
              />
            </Field>
            <ErrorText error={reset.error} />
            <SubmitActions onCancel={() => setResetting(false)} pending={reset.isPending}>
              Set password
            </SubmitActions>
          </form>
        </Dialog>
      </td>
    </tr>
  );
}
