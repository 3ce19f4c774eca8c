'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import {
  Button,
  ErrorText,
  Field,
  inputClass,
  PageHeader,
  TextField,
} from '../../../components/ui/ui.js';
import type { StackOperationDto, StackPreviewDto } from '../../../lib/dto/stack.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { parseEnvText, progressContext } from '../env-text.js';
import { operationsOf, useStackMutation } from '../queries/use-stack-mutation.js';
import { useStackPreview } from '../queries/use-stack-preview.js';
import { useStackProgress } from '../queries/use-stack-progress.js';
import { ComposeEditor } from './compose-editor.js';
import { lintOnServer } from '../queries/lint-compose.js';
import { DeployProgressView } from './deploy-progress-view.js';
import { PreviewPanel } from './preview-panel.js';

/** Checkboxes of the online hosts. */
export function HostPicker({
  selected,
  onChange,
  label,
}: {
  selected: string[];
  onChange: (ids: string[]) => void;
  label: string;
}) {
  const hosts = useHosts();
  const online = (hosts.data ?? []).filter((h) => h.status === 'online');
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{label}</legend>
      {online.length === 0 ? <p className="text-sm text-slate-500">No host is online.</p> : null}
      <div className="flex flex-wrap gap-3">
        {online.map((h) => (
          <label key={h.id} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(h.id)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...selected, h.id] : selected.filter((x) => x !== h.id),
                )
              }
            />
            {h.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A new stack: a name, the hosts it goes to, the compose file (typed, pasted or uploaded) in the
 * YAML editor with inline errors, and its `.env`. Preview asks the first host what it would do;
 * Deploy stores version 1 and deploys it to every chosen host, with progress per service.
 */
export function NewStackView() {
  const hosts = useHosts();
  const [name, setName] = useState('');
  const [hostIds, setHostIds] = useState<string[]>([]);
  const [compose, setCompose] = useState('');
  const [envText, setEnvText] = useState('');
  const env = useMemo(() => parseEnvText(envText), [envText]);
  const [preview, setPreview] = useState<StackPreviewDto | null>(null);
  const [operations, setOperations] = useState<StackOperationDto[]>([]);
  const previewing = useStackPreview();
  const create = useStackMutation({ toastErrors: false });
  const ctx = useMemo(() => (preview ? progressContext(preview) : null), [preview]);
  const progress = useStackProgress(operations, ctx);
  const hostName = (id: string) => hosts.data?.find((h) => h.id === id)?.name ?? id;
  const done = operations.length > 0 && Object.values(progress).every((p) => p.state !== 'running');

  const runPreview = async () => {
    const p = await previewing.mutateAsync({
      name,
      existing: false,
      hostId: hostIds[0] ?? '',
      compose,
      env: envText,
    });
    setPreview(p);
    return p;
  };

  const deploy = async () => {
    setOperations([]);
    try {
      await runPreview();
    } catch {
      return;
    }
    const res = await create
      .mutateAsync({ kind: 'create', body: { name, hostIds, compose, env: envText } })
      .catch(() => null);
    setOperations(operationsOf(res));
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setCompose(await file.text());
    if (name === '') setName(file.name.replace(/\.(ya?ml)$/i, '').replace(/[^a-z0-9_-]/g, ''));
  };

  return (
    <div className="space-y-5">
      <PageHeader title="New stack" />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label="Stack name"
          id="stack-name"
          value={name}
          placeholder="shop"
          onChange={setName}
        />
        <HostPicker label="Hosts" selected={hostIds} onChange={setHostIds} />
      </div>
      <div className="space-y-1">
        <div className="flex items-center justify-between">
          <span className="text-sm font-medium">Compose file</span>
          <label className="text-sm text-sky-700 hover:underline dark:text-sky-400">
            Upload compose file
            <input
              type="file"
              accept=".yml,.yaml,text/yaml,application/yaml"
              className="sr-only"
              aria-label="Upload compose file"
              onChange={(e) => void upload(e.target.files?.[0])}
            />
          </label>
        </div>
        <ComposeEditor
          value={compose}
          onChange={setCompose}
          env={env}
          label="Compose file"
          serverLint={(text) => lintOnServer(text, envText)}
        />
      </div>
      <Field label="Environment (.env)" htmlFor="stack-env">
        <textarea
          id="stack-env"
          className={`${inputClass} font-mono`}
          rows={3}
          value={envText}
          placeholder="TAG=1.0"
          onChange={(e) => setEnvText(e.target.value)}
        />
      </Field>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          disabled={hostIds.length === 0 || compose === '' || name === '' || previewing.isPending}
          onClick={() => void runPreview().catch(() => undefined)}
        >
          Preview
        </Button>
        <Button
          disabled={hostIds.length === 0 || compose === '' || name === '' || create.isPending}
          onClick={() => void deploy()}
        >
          Deploy
        </Button>
      </div>
      <ErrorText error={previewing.error ?? create.error} />
      {preview ? <PreviewPanel preview={preview} hostName={hostName(preview.hostId)} /> : null}
      <DeployProgressView progress={progress} hostName={hostName} />
      {done ? (
        <Link
          href={`/stacks/${encodeURIComponent(name)}`}
          className="inline-block text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          Open stack {name}
        </Link>
      ) : null}
    </div>
  );
}
