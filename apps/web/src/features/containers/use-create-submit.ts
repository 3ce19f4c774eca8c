'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { CreateContainerRequest } from '@berth/protocol';
import { ApiError } from '../../lib/api-client.js';
import { usePullImage } from '../images/queries/use-pull-image.js';
import { useCreateContainer } from './queries/use-create-container.js';
import { toRequest, type CreateFormValues, type FormErrors } from './create-form.js';
import { containerHref } from './container-view-model.js';

/**
 * The create form's submit logic, apart from its fields: validate through the pure `toRequest`,
 * create (pulling a missing image first, with its progress, and creating once more, as
 * `docker run` does), then open the new container's page.
 */
export function useCreateSubmit(opts: {
  host: string;
  values: CreateFormValues;
  start: boolean;
  canElevate: boolean;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<FormErrors>({});
  const create = useCreateContainer();
  const pull = usePullImage(opts.host, { toasts: false });
  const [pulling, setPulling] = useState<string | null>(null);
  const busy = create.isPending || pull.isPending;
  // A missing image is not an error to show: it is being pulled.
  const createError =
    create.error instanceof ApiError && create.error.details.missingImage ? null : create.error;

  async function createPullingIfMissing(request: CreateContainerRequest) {
    const vars = { hostId: opts.host, request, start: opts.start };
    try {
      return await create.mutateAsync(vars);
    } catch (err) {
      const missing = err instanceof ApiError ? err.details.missingImage : undefined;
      if (typeof missing !== 'string') throw err;
      setPulling(missing);
      await pull.mutateAsync(missing);
      return create.mutateAsync(vars);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const { host } = opts;
    const res = toRequest(opts.values, { canElevate: opts.canElevate });
    if (!host) return setErrors({ form: 'Choose an online host.' });
    if (!res.ok) return setErrors(res.errors);
    setErrors({});
    setPulling(null);
    pull.reset();
    createPullingIfMissing(res.request).then(
      (r) => router.push(containerHref(host, r.id)),
      () => undefined, // shown by the view (create.error / pull.error)
    );
  }

  return { submit, errors, create, createError, pull, pulling, busy };
}
