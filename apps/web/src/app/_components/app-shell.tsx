'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { UiSocketProvider, useUiSocket } from '../../lib/socket/ui-socket.js';
import { useLogout } from '../../features/auth/queries/use-logout.js';
import { ThemeToggle } from './theme-toggle.js';
import { ToastProvider } from '@/components/ui/toaster.js';
import { ShortcutsHelp } from './shortcuts.js';
import type { Role } from '../../lib/roles.js';
import { signedOut } from '../../lib/socket/session-messages.js';

interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
}

const nav: NavItem[] = [
  { href: '/', label: 'Overview' },
  { href: '/hosts', label: 'Hosts' },
  { href: '/containers', label: 'Containers' },
  { href: '/stacks', label: 'Stacks' },
  { href: '/images', label: 'Images' },
  { href: '/networks', label: 'Networks' },
  { href: '/volumes', label: 'Volumes' },
  { href: '/events', label: 'Events' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/users', label: 'Users', adminOnly: true },
  { href: '/audit', label: 'Audit', adminOnly: true },
  { href: '/api-docs', label: 'API' },
  { href: '/account', label: 'Account' },
];

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

function LiveIndicator() {
  const { state, ended } = useUiSocket();
  const label = ended
    ? 'session ended'
    : state === 'connected'
      ? 'live'
      : state === 'connecting'
        ? 'connecting…'
        : 'offline — reconnecting';
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400"
      role="status"
      aria-live="polite"
    >
      <span
        className={`h-2 w-2 rounded-full ${state === 'connected' ? 'bg-green-500' : 'bg-amber-500'}`}
        aria-hidden
      />
      {label}
    </span>
  );
}

/** Why this tab's session ended (the server said so before cutting the socket), and what next. */
function SessionEndedBanner() {
  const { ended } = useUiSocket();
  if (!ended) return null;
  return (
    <div
      role="alert"
      data-testid="session-ended"
      className="bg-red-100 px-4 py-2 text-center text-sm text-red-900 dark:bg-red-900/40 dark:text-red-100"
    >
      {ended.message[0]!.toUpperCase() + ended.message.slice(1)}.{' '}
      {signedOut(ended.reason) ? (
        <Link href="/login" className="underline">
          Sign in again
        </Link>
      ) : (
        <button type="button" className="underline" onClick={() => window.location.reload()}>
          Reload
        </button>
      )}
    </div>
  );
}

const linkClass =
  'rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:font-medium aria-[current=page]:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white';

/**
 * The header: the logo, the live indicator and the user's controls on one line; the sections
 * on a second line from 768 px up. Narrower (a phone), the sections, the user and Log out are
 * behind a Menu button; nothing makes the page wider than the screen.
 */
export function AppShell({
  user,
  children,
}: {
  user: { username: string; role: Role; mustChangePassword: boolean };
  children: ReactNode;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const logout = useLogout();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = nav.filter((n) => !n.adminOnly || user.role === 'admin');
  // A new page closes the menu.
  useEffect(() => setMenuOpen(false), [pathname]);
  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        router.replace('/login');
        router.refresh();
      },
    });
  const links = (vertical: boolean) =>
    items.map((n) => (
      <Link
        key={n.href}
        href={n.href}
        aria-current={isActive(pathname, n.href) ? 'page' : undefined}
        className={`${linkClass} ${vertical ? 'block py-2' : ''}`}
      >
        {n.label}
      </Link>
    ));
  return (
    <UiSocketProvider>
      <ToastProvider>
        <ShortcutsHelp />
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
            <Link href="/" className="font-semibold tracking-tight">
              ⚓ Berth
            </Link>
            <div className="ml-auto flex items-center gap-3">
              <LiveIndicator />
              <ThemeToggle />
              <span className="hidden text-sm text-slate-500 md:inline dark:text-slate-400">
                {user.username} <span className="text-xs">({user.role})</span>
              </span>
              <button
                type="button"
                className="hidden rounded-md px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 md:inline dark:hover:bg-slate-800"
                onClick={signOut}
              >
                Log out
              </button>
              <button
                type="button"
                aria-expanded={menuOpen}
                aria-controls="main-menu"
                className="rounded-md border border-slate-300 px-2.5 py-1 text-sm md:hidden dark:border-slate-700"
                onClick={() => setMenuOpen((o) => !o)}
              >
                {menuOpen ? '✕ Close' : '☰ Menu'}
              </button>
            </div>
          </div>
          <nav
            aria-label="Main"
            className="mx-auto hidden max-w-6xl flex-wrap gap-1 px-4 pb-2 md:flex"
          >
            {links(false)}
          </nav>
          {menuOpen ? (
            <div
              id="main-menu"
              className="border-t border-slate-200 px-4 py-2 md:hidden dark:border-slate-800"
            >
              <nav aria-label="Main" className="grid grid-cols-2 gap-1">
                {links(true)}
              </nav>
              <div className="mt-2 flex items-center justify-between border-t border-slate-200 pt-2 text-sm dark:border-slate-800">
                <span className="text-slate-500 dark:text-slate-400">
                  {user.username} <span className="text-xs">({user.role})</span>
                </span>
                <button
                  type="button"
                  className="rounded-md px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800"
                  onClick={signOut}
                >
                  Log out
                </button>
              </div>
            </div>
          ) : null}
        </header>
        <SessionEndedBanner />
        {user.mustChangePassword ? (
          <div className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
            This account still uses a password it was given (generated or set by an admin).{' '}
            <Link href="/account" className="underline">
              Change it now
            </Link>
            .
          </div>
        ) : null}
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 md:py-8">
          {children}
        </main>
      </ToastProvider>
    </UiSocketProvider>
  );
}
