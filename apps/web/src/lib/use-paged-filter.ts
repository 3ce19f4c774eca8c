'use client';

import { useState } from 'react';

/**
 * A paginated list's filter: changing any field goes back to page 1; turning the page keeps the
 * fields.
 */
export function usePagedFilter<F extends { page: number }>(initial: F | (() => F)) {
  const [filter, setFilter] = useState<F>(initial);
  const set = (patch: Partial<F>) => setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));
  return { filter, set };
}
