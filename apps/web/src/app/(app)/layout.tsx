import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { currentPrincipal } from '@/server/next/principal.js';
import { AppShell } from '../_components/app-shell.js';

// Every page below needs a session: checked on the server for each request.
export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const p = await currentPrincipal();
  if (!p) redirect('/login');
  return (
    <AppShell
      user={{ username: p.username, role: p.role, mustChangePassword: p.mustChangePassword }}
    >
      {children}
    </AppShell>
  );
}
