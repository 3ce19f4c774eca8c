import Link from 'next/link';

/** Opens the create form with this container's settings (or says why it cannot). */
export function DuplicateEditLink(props: {
  hostId: string;
  engineId: string;
  reason: string | null;
}) {
  const cls =
    'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-700';
  if (props.reason)
    return (
      <span
        className={`${cls} cursor-not-allowed opacity-50`}
        title={`Duplicate/Edit: ${props.reason}`}
      >
        Duplicate/Edit
      </span>
    );
  const q = `host=${encodeURIComponent(props.hostId)}&from=${encodeURIComponent(props.engineId)}`;
  return (
    <Link
      href={`/containers/new?${q}`}
      className={`${cls} hover:bg-slate-100 dark:hover:bg-slate-800`}
    >
      Duplicate/Edit
    </Link>
  );
}
