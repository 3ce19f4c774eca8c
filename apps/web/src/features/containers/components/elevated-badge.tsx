import { elevatedBadge } from '../elevated-view.js';

/** A warning pill for a container created with elevated options (privileged, host namespaces…). */
export function ElevatedBadge({ tokens }: { tokens: readonly string[] }) {
  const view = elevatedBadge(tokens);
  if (!view) return null;
  const tone =
    view.text === 'privileged'
      ? 'bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-300'
      : 'bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300';
  return (
    <span
      data-testid="elevated-badge"
      title={view.title}
      aria-label={`${view.text}: ${view.title}`}
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}
    >
      {view.text}
    </span>
  );
}
