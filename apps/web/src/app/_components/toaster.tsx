'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  tone: 'error' | 'success';
  message: string;
}

const ToastContext = createContext<(tone: Toast['tone'], message: string) => void>(() => undefined);

/** Toasts for action results: errors stay until dismissed (or 10 s), successes 3 s. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((tone: Toast['tone'], message: string) => {
    setToasts((t) => [...t.slice(-4), { id: Date.now() + Math.random(), tone, message }]);
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
  useEffect(() => {
    const t = setTimeout(() => onDismiss(toast.id), toast.tone === 'error' ? 10_000 : 3_000);
    return () => clearTimeout(t);
  }, [toast.id, toast.tone, onDismiss]);
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
      <span className="flex-1 break-words">{toast.message}</span>
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

/** `const toast = useToast(); toast('error', err.message)`. */
export function useToast() {
  return useContext(ToastContext);
}
