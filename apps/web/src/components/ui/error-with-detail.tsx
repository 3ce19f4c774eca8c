'use client';

import { useState } from 'react';
import { errorParts } from '../../lib/error-words.js';
import { Details } from './toaster.js';

/** role=alert text of an error; its raw detail behind "Details". */
export function ErrorWithDetail({ error }: { error: unknown }) {
  const [open, setOpen] = useState(false);
  const { message, detail } = errorParts(error);
  return (
    <div role="alert" className="text-sm text-red-600 dark:text-red-400">
      <p className="[overflow-wrap:anywhere]">{message}</p>
      {detail ? <Details detail={detail} open={open} onToggle={setOpen} /> : null}
    </div>
  );
}
