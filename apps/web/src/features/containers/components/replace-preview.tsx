'use client';

import { Dialog } from '../../../components/ui/dialog.js';
import { Button, tableClass, tdClass, thClass } from '../../../components/ui/ui.js';
import type { SpecChange } from '../../../lib/container-spec-diff.js';

const shown = (v: string | null) =>
  v === null ? <span className="text-slate-400">not set</span> : <span>{v}</span>;

/**
 * "Replace web?": the settings that change, old beside new, then Cancel / Replace. Replacing
 * stops and removes the container, then creates and starts the new one under the same name.
 */
export function ReplacePreview({
  name,
  changes,
  onConfirm,
  onClose,
}: {
  name: string;
  /** null: closed. */
  changes: SpecChange[] | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={changes !== null} onClose={onClose} title={`Replace ${name}?`}>
      {changes ? (
        <>
          <p className="text-sm">
            {name} is stopped and removed (its writable layer with it; named volumes are kept), and
            a new container with these settings takes its name. If the new one cannot be created or
            started, {name} is put back as it was.
          </p>
          {changes.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="replace-no-changes">
              No setting changes: it is recreated as it is.
            </p>
          ) : (
            <div className="max-h-72 overflow-auto">
              <table className={tableClass} data-testid="replace-changes">
                <thead>
                  <tr>
                    <th className={thClass}>Setting</th>
                    <th className={thClass}>Now</th>
                    <th className={thClass}>After</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.label}>
                      <td className={tdClass}>{c.label}</td>
                      <td className={`${tdClass} font-mono text-xs break-all`}>
                        {shown(c.before)}
                      </td>
                      <td className={`${tdClass} font-mono text-xs break-all`}>{shown(c.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button variant="danger" autoFocus onClick={onConfirm}>
              Replace
            </Button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
