'use client';

import type { StackPreviewDto } from '../../../lib/dto/stack.js';

const verb: Record<string, string> = {
  create: 'created',
  recreate: 'recreated',
  start: 'started',
  keep: 'unchanged',
  remove: 'removed',
};

/**
 * What a deploy would do on a host: which containers are created, recreated (and why), removed or
 * left as they are; the images the host pulls first; the elevated options it carries and whether
 * the host's policy refuses them.
 */
export function PreviewPanel({
  preview,
  hostName,
}: {
  preview: StackPreviewDto;
  hostName: string;
}) {
  const changes = preview.actions.filter((a) => a.kind !== 'keep');
  return (
    <section
      data-testid="stack-preview"
      aria-label="Preview"
      className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800"
    >
      <p className="font-medium">
        On {hostName}: {changes.length === 0 ? 'nothing changes' : `${changes.length} change(s)`}
      </p>
      <ul className="space-y-0.5">
        {preview.actions.map((a) => (
          <li
            key={`${a.kind}:${a.container}`}
            data-testid="preview-action"
            data-kind={a.kind}
            data-service={a.service}
            className={a.kind === 'keep' ? 'text-slate-500' : ''}
          >
            <span className="font-mono">{a.container}</span> — {verb[a.kind] ?? a.kind}
            {a.why ? ` (${a.why})` : ''}
          </li>
        ))}
      </ul>
      {preview.pulls && preview.pulls.length > 0 ? (
        <p data-testid="preview-pulls" className="text-slate-600 dark:text-slate-400">
          Pulls first: <span className="font-mono">{preview.pulls.join(', ')}</span>
        </p>
      ) : null}
      {preview.elevated.length > 0 ? (
        <p data-testid="preview-elevated" className="text-amber-700 dark:text-amber-400">
          Elevated options (admins only): {preview.elevated.map((o) => o.label).join(', ')}
        </p>
      ) : null}
      {preview.policyRefusal ? (
        <p role="alert" className="text-red-600 dark:text-red-400">
          {preview.policyRefusal}
        </p>
      ) : null}
      {preview.warnings.map((w) => (
        <p key={w} className="text-xs text-amber-700 dark:text-amber-400">
          {w}
        </p>
      ))}
    </section>
  );
}
