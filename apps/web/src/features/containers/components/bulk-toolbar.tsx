import { Button } from '../../../components/ui/ui.js';
import type { RowAction } from '../queries/use-container-action.js';

const BULK_ACTIONS = ['start', 'stop', 'restart', 'remove'] as const;

/** "N selected · Start/Stop/Restart/Remove selected · Clear" above the containers table. */
export function BulkToolbar({
  count,
  onAction,
  onClear,
}: {
  count: number;
  onAction: (action: RowAction) => void;
  onClear: () => void;
}) {
  return (
    <div
      className="mb-3 flex flex-wrap items-center gap-2 rounded-md bg-sky-50 px-3 py-2 text-sm dark:bg-sky-950/40"
      role="toolbar"
      aria-label="Bulk actions"
    >
      <span>{count} selected</span>
      {BULK_ACTIONS.map((a) => (
        <Button
          key={a}
          variant={a === 'remove' || a === 'stop' ? 'danger' : 'secondary'}
          onClick={() => onAction(a)}
        >
          {a[0]!.toUpperCase() + a.slice(1)} selected
        </Button>
      ))}
      <Button variant="secondary" onClick={onClear}>
        Clear
      </Button>
    </div>
  );
}
