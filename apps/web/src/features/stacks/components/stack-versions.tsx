'use client';

import { useState } from 'react';
import { Button, ErrorText, tableClass, tdClass, thClass } from '../../../components/ui/ui.js';
import type { StackDetailDto } from '../../../lib/dto/stack.js';
import { useStackVersion } from '../queries/use-stack-version.js';
import { ComposeEditor } from './compose-editor.js';

/** Every version of the stack's file: who and when, view one, roll back to one. */
export function StackVersions({
  stack,
  canReadFile,
  canDeploy,
  onRollback,
}: {
  stack: StackDetailDto;
  canReadFile: boolean;
  canDeploy: boolean;
  onRollback: (version: number) => void;
}) {
  const [viewing, setViewing] = useState<number | null>(null);
  const version = useStackVersion(stack.name, canReadFile ? viewing : null);
  return (
    <div className="space-y-3">
      <table className={tableClass} data-testid="stack-versions">
        <thead>
          <tr>
            <th className={thClass}>Version</th>
            <th className={thClass}>Note</th>
            <th className={thClass}>By</th>
            <th className={thClass}>When</th>
            <th className={thClass}>Actions</th>
          </tr>
        </thead>
        <tbody>
          {stack.versions.map((v) => (
            <tr key={v.number} data-testid="stack-version-row" data-version={v.number}>
              <td className={`${tdClass} font-mono`}>
                v{v.number}
                {v.number === stack.latestVersion ? (
                  <span className="ml-1 text-xs text-slate-500">latest</span>
                ) : null}
              </td>
              <td className={tdClass}>{v.message ?? ''}</td>
              <td className={tdClass}>{v.createdBy}</td>
              <td className={tdClass}>{new Date(v.createdAt).toLocaleString()}</td>
              <td className={`${tdClass} space-x-1`}>
                {canReadFile ? (
                  <Button
                    variant="secondary"
                    onClick={() => setViewing(viewing === v.number ? null : v.number)}
                  >
                    {viewing === v.number ? 'Hide' : 'View'}
                  </Button>
                ) : null}
                {canDeploy && v.number !== stack.latestVersion ? (
                  <Button
                    variant="secondary"
                    aria-label={`Roll back to version ${v.number}`}
                    onClick={() => onRollback(v.number)}
                  >
                    Roll back to this
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorText error={version.error} />
      {viewing !== null && version.data ? (
        <div aria-label={`Version ${viewing}`}>
          <p className="mb-1 text-sm font-medium">Version {viewing}</p>
          <ComposeEditor value={version.data.compose} label={`Version ${viewing}`} readOnly />
        </div>
      ) : null}
    </div>
  );
}
