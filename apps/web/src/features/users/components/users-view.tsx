'use client';

import { useState, type FormEvent } from 'react';
import {
  Button,
  ErrorText,
  Field,
  PageHeader,
  inputClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { roles, type Role } from '../../../lib/roles.js';
import { useUsers } from '../queries/use-users.js';
import { useCreateUser } from '../queries/use-create-user.js';
import { useUpdateUser } from '../queries/use-update-user.js';
import { useDeleteUser } from '../queries/use-delete-user.js';
import { useResetPassword } from '../queries/use-reset-password.js';
import { toCreateUserRequest, toUserViewModel, type UserViewModel } from '../user-view-model.js';

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateUser();
  const [form, setForm] = useState({ username: '', password: '', role: 'viewer' });
  const [problem, setProblem] = useState<string | null>(null);
  function close() {
    setForm({ username: '', password: '', role: 'viewer' });
    setProblem(null);
    create.reset();
    onClose();
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const req = toCreateUserRequest(form);
    if (!req.ok) return setProblem(req.error);
    setProblem(null);
    create.mutate(req.body, { onSuccess: close });
  }
  return (
    <Dialog open={open} onClose={close} title="Add user">
      <form onSubmit={submit} className="space-y-4">
        <Field label="Username" htmlFor="new-username">
          <input
            id="new-username"
            required
            autoFocus
            className={inputClass}
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </Field>
        <Field label="Password" htmlFor="new-user-password">
          <input
            id="new-user-password"
            type="password"
            autoComplete="new-password"
            required
            className={inputClass}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </Field>
        <Field label="Role" htmlFor="new-user-role">
          <select
            id="new-user-role"
            className={inputClass}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value })}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <p className="text-xs text-slate-500">
          The user is asked to change this password after signing in.
        </p>
        {problem ? (
          <p role="alert" className="text-sm text-red-600">
            {problem}
          </p>
        ) : null}
        <ErrorText error={create.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            Create user
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function UserRow({ vm }: { vm: UserViewModel }) {
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
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setResetting(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={reset.isPending}>
                Set password
              </Button>
            </div>
          </form>
        </Dialog>
      </td>
    </tr>
  );
}

export function UsersView({ selfId }: { selfId: string }) {
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title="Users"
        actions={<Button onClick={() => setAdding(true)}>Add user</Button>}
      />
      <ErrorText error={users.error} />
      {users.isPending ? (
        <p className="text-sm text-slate-500">Loading users…</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass}>
            <thead>
              <tr>
                {['Username', 'Role', 'Status', 'Last login', 'Actions'].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) => (
                <UserRow key={u.id} vm={toUserViewModel(u, selfId)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateUserDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
