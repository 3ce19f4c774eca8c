import { Suspense } from 'react';
import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { LoginForm } from '@/features/auth/components/login-form.js';
import { ThemeToggle } from '../_components/theme-toggle.js';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  if (await currentPrincipal()) redirect('/');
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      {/* Next's route announcer is an empty role=alert; there is no client navigation to
          announce before sign-in, so hide it here and keep the form's error the only alert. */}
      <style>{'next-route-announcer{display:none}'}</style>
      <div className="w-full max-w-sm space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="flex items-center justify-between">
          <h1 className="text-xl font-semibold">⚓ Sign in to Berth</h1>
          <ThemeToggle />
        </div>
        <Suspense>
          <LoginForm />
        </Suspense>
      </div>
    </main>
  );
}
