import type { UserDto } from '../../lib/dto/user.js';
import type { Role } from '../../lib/roles.js';

export interface UserViewModel {
  id: string;
  username: string;
  role: Role;
  status: 'active' | 'disabled';
  lastLogin: string;
  isSelf: boolean;
}

export function toUserViewModel(u: UserDto, selfId: string): UserViewModel {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    status: u.disabled ? 'disabled' : 'active',
    lastLogin: u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : 'never',
    isSelf: u.id === selfId,
  };
}

/** Pure: the list with `user` inserted or replaced, sorted by username. */
export function upsertUser(list: readonly UserDto[], user: UserDto): UserDto[] {
  return [...list.filter((u) => u.id !== user.id), user].sort((a, b) =>
    a.username.localeCompare(b.username),
  );
}

/** Pure: the request body of the create-user form, or the first problem. */
export function toCreateUserRequest(form: {
  username: string;
  password: string;
  role: string;
}):
  | { ok: true; body: { username: string; password: string; role: Role } }
  | { ok: false; error: string } {
  const username = form.username.trim();
  if (!/^[a-z0-9][a-z0-9._-]{1,31}$/i.test(username)) {
    return { ok: false, error: 'Username: 2-32 letters, digits, dot, dash or underscore.' };
  }
  if (form.password.length < 10) return { ok: false, error: 'Password: at least 10 characters.' };
  if (form.role !== 'admin' && form.role !== 'operator' && form.role !== 'viewer') {
    return { ok: false, error: 'Pick a role.' };
  }
  return { ok: true, body: { username, password: form.password, role: form.role } };
}
