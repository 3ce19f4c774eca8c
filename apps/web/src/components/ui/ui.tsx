import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode } from 'react';
import { ErrorWithDetail } from './error-with-detail.js';

/** Small presentational building blocks shared by every view. */
export function Button({
  variant = 'primary',
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' }) {
  const tone = {
    primary: 'bg-sky-600 text-white hover:bg-sky-700 disabled:bg-sky-600/50',
    secondary:
      'border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
    danger: 'bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50',
  }[variant];
  return (
    <button
      type="button"
      className={`inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-slate-950 disabled:cursor-not-allowed ${tone} ${className}`}
      {...props}
    />
  );
}

export const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/40 dark:border-slate-700 dark:bg-slate-900';

export function Field({
  label,
  htmlFor,
  children,
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A labelled one-line input (the Field + input pair most forms repeat); `onChange` gets the text. */
export function TextField({
  label,
  id,
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'className'> & {
  label: string;
  id: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} htmlFor={id}>
      <input id={id} className={inputClass} onChange={(e) => onChange(e.target.value)} {...input} />
    </Field>
  );
}

/** What is wrong with a form's input, in people's words, announced to screen readers. */
export function FormProblem({ problem }: { problem: string | null | undefined }) {
  if (!problem) return null;
  return (
    <p role="alert" className="text-sm text-red-600">
      {problem}
    </p>
  );
}

/** A dialog form's last row: Cancel, and its submit button (disabled while it is sent). */
export function SubmitActions({
  onCancel,
  pending,
  children,
}: {
  onCancel: () => void;
  pending: boolean;
  /** The submit button's label. */
  children: ReactNode;
}) {
  return (
    <div className="flex justify-end gap-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" disabled={pending}>
        {children}
      </Button>
    </div>
  );
}

/** An error in its words, the raw detail (if any) one click away. */
export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  return <ErrorWithDetail error={error} />;
}

export function Card({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <div
      className={`rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      {children}
    </div>
  );
}

export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex items-center justify-between gap-4">
      <h1 className="text-xl font-semibold">{title}</h1>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 p-10 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      {children ? (
        <div className="mt-2 text-sm text-slate-500 dark:text-slate-400">{children}</div>
      ) : null}
    </div>
  );
}

export const tableClass = 'w-full text-left text-sm';
export const thClass =
  'border-b border-slate-200 px-3 py-2 font-medium text-slate-500 dark:border-slate-800 dark:text-slate-400';
export const tdClass = 'border-b border-slate-100 px-3 py-2 dark:border-slate-800/60';

/** "Previous · Page N of M · Next" under a paginated table. */
export function Pager({
  page,
  pages,
  onPage,
}: {
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  return (
    <div className="mt-4 flex items-center gap-3 text-sm">
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <span>
        Page {page} of {pages}
      </span>
      <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </Button>
    </div>
  );
}
