'use client';

import { bulkHeadline, type BulkReport } from '../bulk-run.js';

/** What a bulk action did: one line when all went well, else every failed item and why. */
export function BulkReportPanel({
  report,
  onDismiss,
}: {
  report: BulkReport;
  onDismiss: () => void;
}) {
  const failed = report.failures.length > 0;
  return (
    <div
      role={failed ? 'alert' : 'status'}
      data-testid="bulk-report"
      className={`mb-3 rounded-md border px-3 py-2 text-sm ${
        failed
          ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100'
          : 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100'
      }`}
    >
      <div className="flex items-start justify-between gap-3">
        <p className="font-medium">{bulkHeadline(report)}</p>
        <button
          type="button"
          aria-label="Dismiss"
          className="opacity-60 hover:opacity-100"
          onClick={onDismiss}
        >
          ×
        </button>
      </div>
      {failed ? (
        <ul className="mt-1 max-h-48 space-y-0.5 overflow-auto">
          {report.failures.map((f) => (
            <li key={f.id} data-testid="bulk-failure" className="break-words">
              <span className="font-medium">{f.name}</span>{' '}
              <span className="text-xs opacity-75">on {f.hostName}</span>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
