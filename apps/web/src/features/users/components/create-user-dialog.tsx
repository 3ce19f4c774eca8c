'use client';

import { useState, type FormEvent } from 'react';
import {
  ErrorText,
  Field,
  FormProblem,
  inputClass,
  SubmitActions,
  TextField,
} from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { roles } from '../../../lib/roles.js';
import { useCreateUser } from '../queries/use-create-user.js';
import { toCreateUserRequest } from '../user-view-model.js';

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
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
        <TextField
          label="Username"
          id="new-username"
          required
          autoFocus
          value={form.username}
          onChange={(v) => setForm({ ...form, username: v })}
        />
        <TextField
          label="Password"
          id="new-user-password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={(v) => setForm({ ...form, password: v })}
        />
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
        <FormProblem problem={problem} />
        <ErrorText error={create.error} />
        <SubmitActions onCancel={close} pending={create.isPending}>
          Create user
        </SubmitActions>
      </form>
    </Dialog>
  );
}
