import type { Role } from '../roles.js';

/** JSON shape of a user (never includes the password hash). */
export interface UserDto {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface UserRowLike {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
}

export function toUserDto(row: UserRowLike): UserDto {
  return {
    id: row.id,
    username: row.username,
    role: row.role === 'admin' || row.role === 'operator' ? row.role : 'viewer',
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
  };
}

/** GET /api/auth/me */
export interface MeDto {
  user: UserDto;
  permissions: string[];
}
