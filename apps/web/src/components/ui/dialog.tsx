'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: focus trap, Escape to close and role=dialog come from the
 * platform. `open` drives showModal()/close(); closing by Escape reports through onClose.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onCancel = () => onClose();
    el.addEventListener('close', onCancel);
    return () => el.removeEventListener('close', onCancel);
  }, [onClose]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
    >
      {open ? (
        <div className="space-y-4 p-5">
          <h2 id="dialog-title" className="text-lg font-semibold">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
