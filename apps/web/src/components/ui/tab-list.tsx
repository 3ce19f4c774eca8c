import type { KeyboardEvent } from 'react';

/**
 * A row of tabs (ARIA tablist: ← and → move between them). Each tab controls the panel
 * `panel-<name>` the view renders; the tab's id is `tab-<name>`.
 */
export function TabList<T extends string>({
  label,
  tabs,
  current,
  onSelect,
}: {
  label: string;
  tabs: readonly T[];
  current: T;
  onSelect: (tab: T) => void;
}) {
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.indexOf(current);
    if (e.key === 'ArrowRight') onSelect(tabs[(i + 1) % tabs.length]!);
    if (e.key === 'ArrowLeft') onSelect(tabs[(i + tabs.length - 1) % tabs.length]!);
  };
  return (
    <div
      role="tablist"
      aria-label={label}
      className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800"
      onKeyDown={onKey}
    >
      {tabs.map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          id={`tab-${t}`}
          aria-selected={current === t}
          aria-controls={`panel-${t}`}
          tabIndex={current === t ? 0 : -1}
          onClick={() => onSelect(t)}
          className="-mb-px shrink-0 border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-selected:border-sky-600 aria-selected:font-medium aria-selected:text-slate-900 dark:text-slate-300 dark:aria-selected:text-white"
        >
          {t}
        </button>
      ))}
    </div>
  );
}
