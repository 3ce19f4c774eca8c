import Link from 'next/link.js';

export function NotAllowed({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
        Only admins can open {what}. Ask an admin if you need access.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm text-sky-600 hover:underline">
        Back to the overview
      </Link>
    </div>
  );
}
