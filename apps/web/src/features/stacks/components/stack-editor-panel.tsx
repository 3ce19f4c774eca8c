'use client';

import { useEffect, useMemo, useState } from 'react';
import { Button, ErrorText, Field, inputClass, TextField } from '../../../components/ui/ui.js';
import type { StackOperationDto, StackPreviewDto } from '../../../lib/dto/stack.js';
import { parseEnvText, progressContext } from '../env-text.js';
import type { ProgressContext } from '../deploy-progress.js';
import { operationsOf, useStackMutation } from '../queries/use-stack-mutation.js';
import { useStackPreview } from '../queries/use-stack-preview.js';
import { useStackVersion } from '../queries/use-stack-version.js';
import { ComposeEditor } from './compose-editor.js';
import { lintOnServer } from '../queries/lint-compose.js';
import { PreviewPanel } from './preview-panel.js';

/**
 * Edit and redeploy: the latest file in the editor; "Preview changes" asks the selected host
 * which containers the edit recreates; "Deploy" stores the next version and deploys it to every
 * host the stack is on.
 */
export function StackEditorPanel({
  name,
  latest,
  hostId,
  hostName,
  onStarted,
  onClose,
}: {
  name: string;
  latest: number;
  hostId: string;
  hostName: (id: string) => string;
  onStarted: (ops: StackOperationDto[], ctx: ProgressContext) => void;
  onClose: () => void;
}) {
  const current = useStackVersion(name, latest);
  const [compose, setCompose] = useState('');
  const [envText, setEnvText] = useState('');
  const [message, setMessage] = useState('');
  const [preview, setPreview] = useState<StackPreviewDto | null>(null);
  const env = useMemo(() => parseEnvText(envText), [envText]);
  const previewing = useStackPreview();
  const update = useStackMutation({ toastErrors: false });
  useEffect(() => {
    if (!current.data) return;
    setCompose(current.data.compose);
    setEnvText(current.data.env);
  }, [current.data]);

  const runPreview = async () => {
    const p = await previewing.mutateAsync({
      name,
      existing: true,
      hostId,
      compose,
      env: envText,
    });
    setPreview(p);
    return p;
  };

  const deploy = async () => {
    let p: StackPreviewDto;
    try {
      p = await runPreview();
    } catch {
      return;
    }
    const res = await update
      .mutateAsync({
        kind: 'update',
        name,
        body: { compose, env: envText, ...(message ? { message } : {}) },
      })
      .catch(() => null);
    if (res) onStarted(operationsOf(res), progressContext(p));
  };

  return (
    <section
      aria-label="Edit stack"
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <ErrorText error={current.error} />
      <ComposeEditor
        value={compose}
        onChange={setCompose}
        env={env}
        label="Compose file"
        serverLint={(text) => lintOnServer(text, envText)}
      />
      <div className="grid gap-3 md:grid-cols-2">
        <Field label="Environment (.env)" htmlFor="edit-env">
          <textarea
            id="edit-env"
            rows={3}
            className={`${inputClass} font-mono`}
            value={envText}
            onChange={(e) => setEnvText(e.target.value)}
          />
        </Field>
        <TextField
          label="What changed (optional)"
          id="edit-message"
          value={message}
          onChange={setMessage}
        />
      </div>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          disabled={previewing.isPending || compose === ''}
          onClick={() => void runPreview().catch(() => undefined)}
        >
          Preview changes
        </Button>
        <Button disabled={update.isPending || compose === ''} onClick={() => void deploy()}>
          Deploy new version
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
      </div>
      <ErrorText error={previewing.error ?? update.error} />
      {preview ? <PreviewPanel preview={preview} hostName={hostName(preview.hostId)} /> : null}
    </section>
  );
}
