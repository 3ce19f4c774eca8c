import type { ReactNode } from 'react';
import { ErrorText, Pager, tableClass, thClass } from './ui.js';

/** The filter fields above a list, in a grid (`columns`: its Tailwind column classes). */
export function FilterBar({
  columns = 'sm:grid-cols-3',
  children,
}: {
  columns?: string;
  children: ReactNode;
}) {
  return <div className={`mb-4 grid gap-3 ${columns}`}>{children}</div>;
}

/** A bordered, horizontally scrolling table with one header row; the rows are the children. */
export function DataTable({
  headers,
  children,
}: {
  headers: readonly string[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className={tableClass}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={thClass}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * The skeleton every list page shares (audit, events, users, containers): its header, a filter
 * bar, a toolbar, the query's error, then "Loading…", an empty state or the table, a pager and a footer.
 * Views pass what differs; the order and the states are the same everywhere.
 */
export function ListPage({
  header,
  filters,
  filterColumns,
  toolbar,
  error,
  loading = false,
  loadingText = 'Loading…',
  empty = null,
  pager,
  footer,
  children,
}: {
  header: ReactNode;
  filters?: ReactNode;
  filterColumns?: string;
  /** Between the filters and the table (bulk actions, a report of the last one). */
  toolbar?: ReactNode;
  error?: unknown;
  loading?: boolean;
  loadingText?: string;
  /** Shown instead of the table when set (no rows, or none that match). */
  empty?: ReactNode;
  pager?: { page: number; pages: number; onPage: (page: number) => void };
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {header}
      {filters ? <FilterBar columns={filterColumns}>{filters}</FilterBar> : null}
      {toolbar}
      <ErrorText error={error} />
      {loading ? <p className="text-sm text-slate-500">{loadingText}</p> : (empty ?? children)}
      {pager ? <Pager {...pager} /> : null}
      {footer}
    </>
  );
}
