'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { CreateContainerRequest } from '@berth/protocol';
import { ApiError } from '../../lib/api-client.js';
import { specChanges, type SpecChange } from '../../lib/container-spec-diff.js';
import { usePullImage } from '../images/queries/use-pull-image.js';
import { useCreateContainer } from './queries/use-create-container.js';
import { useReplaceContainer } from './queries/use-replace-container.js';
import { toRequest, type CreateFormValues, type FormErrors } from './create-form.js';
import { containerHref } from './container-view-model.js';

/** The container Duplicate/Edit starts from: its settings as a create request. */
export interface CopySource {
  /** Its engine ID (the replace's target). */
  ref: string;
  name: string;
  request: CreateContainerRequest;
  notCopied: string[];
}

/** Pure: a copy is created under another name; a replacement keeps the name. */
export function copyNameError(
  mode: 'create' | 'replace',
  name: string,
  original: string,
): string | null {
  if (mode === 'create' && name === original)
    return `${original} exists: give the copy another name, or Replace it.`;
  if (mode === 'replace' && name !== original)
    return `Replace keeps the name ${original}: put it back, or Create as new.`;
  return null;
}

/**
 * The create form's submit logic, apart from its fields: validate through the pure `toRequest`,
 * create (pulling a missing image first, with its progress, and trying once more, as `docker
 * run` does) — or, for a copy (Duplicate/Edit), replace the original after a preview of what
 * changes — then open the container's page.
 */
export function useCreateSubmit(opts: {
  host: string;
  values: CreateFormValues;
  start: boolean;
  canElevate: boolean;
  copyOf?: CopySource;
}) {
  const { host, copyOf } = opts;
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const create = useCreateContainer();
  const replace = useReplaceContainer();
  const [preview, setPreview] = useState<{
    changes: SpecChange[];
    request: CreateContainerRequest;
  } | null>(null);
  const pull = usePullImage(host, { toasts: false });
  const [pulling, setPulling] = useState<string | null>(null);
  const busy = create.isPending || replace.isPending || pull.isPending;
  // A missing image is not an error to show: it is being pulled.
  const failed = replace.error ?? create.error;
  const createError = failed instanceof ApiError && failed.details.missingImage ? null : failed;

  async function pullingIfMissing(run: () => Promise<{ id: string }>) {
    try {
      return await run();
    } catch (err) {
      const missing = err instanceof ApiError ? err.details.missingImage : undefined;
      if (typeof missing !== 'string') throw err;
      setPulling(missing);
      await pull.mutateAsync(missing);
      return run();
    }
  }

  /** The form as a request, or null with its errors shown; `mode` checks the name a copy needs. */
  function checked(mode: 'create' | 'replace'): CreateContainerRequest | null {
    const v = opts.values;
    const res = toRequest(v, {
      canElevate: opts.canElevate,
      ...(copyOf ? { base: copyOf.request } : {}),
    });
    const nameError = copyOf ? copyNameError(mode, v.name.trim(), copyOf.name) : null;
    const errs: FormErrors | null = !host
      ? { form: 'Choose an online host.' }
      : !res.ok
        ? res.errors
        : nameError
          ? { name: nameError }
          : null;
    if (errs || !res.ok) {
      setErrors(errs ?? {});
      return null;
    }
    setErrors({});
    setPulling(null);
    pull.reset();
    create.reset();
    replace.reset();
    return res.request;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const request = checked('create');
    if (!request) return;
    pullingIfMissing(() => create.mutateAsync({ hostId: host, request, start: opts.start })).then(
      (r) => router.push(containerHref(host, r.id)),
      () => undefined, // shown by the view (create.error / pull.error)
    );
  }

  function askReplace() {
    const request = checked('replace');
    if (request && copyOf) setPreview({ changes: specChanges(copyOf.request, request), request });
  }

  function confirmReplace() {
    if (!preview || !copyOf) return;
    // by name: a failed replace puts the old container back under its name, with a new ID
    const vars = { hostId: host, ref: copyOf.name, request: preview.request, start: opts.start };
    setPreview(null);
    pullingIfMissing(() => replace.mutateAsync(vars)).then(
      (r) => router.push(containerHref(host, r.id)),
      () => undefined, // shown by the view
    );
  }

  return {
    submit,
    askReplace,
    confirmReplace,
    preview,
    closePreview: () => setPreview(null),
    errors,
    create,
    replace,
    createError,
    pull,
    pulling,
    busy,
  };
}
