import { carriedNames } from '../create-form.js';
import type { CopySource } from '../use-create-submit.js';

/** What a copy keeps without showing it, and what it could not copy. */
export function CopyNotes({ copyOf }: { copyOf: CopySource }) {
  const kept = carriedNames(copyOf.request);
  return (
    <div className="space-y-1 text-xs text-slate-500" data-testid="copy-notes">
      {kept.length > 0 ? <p>Also kept as they are: {kept.join(', ')}.</p> : null}
      {copyOf.notCopied.map((n) => (
        <p key={n} className="text-amber-700 dark:text-amber-400">
          Not copied: {n}.
        </p>
      ))}
    </div>
  );
}
