'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button, TextField } from '../../../components/ui/ui.js';
import { useLogin } from '../queries/use-login.js';
import { loginErrorMessage } from '../login-error.js';

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    login.mutate(
      { username, password },
      {
        onSuccess: () => {
          const next = params.get('next');
          router.replace(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
          router.refresh();
        },
      },
    );
  }

  const error = loginErrorMessage(login.error);
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Sign in">
      <TextField
        label="Username"
        id="username"
        name="username"
        autoComplete="username"
        autoFocus
        required
        value={username}
        onChange={setUsername}
      />
      <TextField
        label="Password"
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={setPassword}
      />
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full justify-center" disabled={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
