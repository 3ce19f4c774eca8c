import Link from 'next/link';
import { pagePrincipal } from '@/server/next/principal.js';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form.js';
import { PageHeader, Card } from '@/components/ui/ui.js';

export default async function AccountPage() {
  const p = await pagePrincipal({ passwordChangePage: true });
  return (
    <>
      <PageHeader title="Account" />
      <Card className="max-w-md">
        <p className="mb-4 text-sm text-slate-500 dark:text-slate-400">
          Signed in as <strong>{p.username}</strong> ({p.role}).
        </p>
        <h2 className="mb-3 font-medium">Change password</h2>
        <ChangePasswordForm />
      </Card>
      <Card className="mt-4 max-w-md">
        <h2 className="mb-2 font-medium">API tokens</h2>
        <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
          Tokens let scripts, CI and Prometheus use the API without your password.
        </p>
        <Link className="text-sm text-sky-700 underline dark:text-sky-400" href="/account/tokens">
          Manage API tokens
        </Link>
      </Card>
    </>
  );
}
