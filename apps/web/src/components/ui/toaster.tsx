'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  tone: 'error' | 'success';
  message: string;
  /** The raw detail (a runtime's output), shown on "Details". */
  detail?: string | null;
}

type Push = (tone: Toast['tone'], message: string, detail?: string | null) => void;

const ToastContext = createContext<Push>(() => undefined);

/** Toasts for action results: errors stay until dismissed (or 10 s), successes 3 s. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback<Push>((tone, message, detail = null) => {
    setToasts((t) => [...t.slice(-4), { id: Date.now() + Math.random(), tone, message, detail }]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div
        className="fixed right-4 bottom-4 z-50 flex w-96 max-w-[90vw] flex-col gap-2"
        aria-live="assertive"
      >
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    // An error someone is reading the details of stays until dismissed.
    if (open) return;
    const t = setTimeout(() => onDismiss(toast.id), toast.tone === 'error' ? 10_000 : 3_000);
    return () => clearTimeout(t);
  }, [toast.id, toast.tone, onDismiss, open]);
  return (
    <div
      role={toast.tone === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      className={`flex items-start gap-3 rounded-md border px-3 py-2 text-sm shadow-lg ${
        toast.tone === 'error'
          ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
          : 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100'
      }`}
    >
      <div className="min-w-0 flex-1">
        <p className="max-h-40 overflow-auto [overflow-wrap:anywhere]">{toast.message}</p>
        {toast.detail ? <Details detail={toast.detail} open={open} onToggle={setOpen} /> : null}
      </div>
      <button
        type="button"
        aria-label="Dismiss"
        className="opacity-60 hover:opacity-100"
        onClick={() => onDismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

/** The raw detail of an error behind a toggle: scrollable, wrapped, never off the screen. */
export function Details({
  detail,
  open,
  onToggle,
}: {
  detail: string;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  return (
    <div className="mt-1">
      <button
        type="button"
        aria-expanded={open}
        className="text-xs underline opacity-80 hover:opacity-100"
        onClick={() => onToggle(!open)}
      >
        {open ? 'Hide details' : 'Details'}
      </button>
      {open ? (
        <pre
          data-testid="error-detail"
          className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-black/5 p-2 font-mono text-[11px] [overflow-wrap:anywhere] dark:bg-white/10"
        >
          {detail}
        </pre>
      ) : null}
    </div>
  );
}

/** `const toast = useToast(); toast('error', message, detail)`. */
export function useToast() {
  return useContext(ToastContext);
}
