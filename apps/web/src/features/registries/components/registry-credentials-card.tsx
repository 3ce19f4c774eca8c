'use client';

import { useRef, useState, type FormEvent, type Ref } from 'react';
import { Button, Card, ErrorText, inputClass } from '../../../components/ui/ui.js';
import {
  toStoreRequest,
  type CredentialFormErrors,
  type CredentialFormValues,
} from '../credential-form.js';
import {
  useRegistryCredentials,
  useRemoveCredential,
  useStoreCredential,
} from '../queries/use-registry-credentials.js';

const empty: CredentialFormValues = { registry: '', username: '', password: '' };

/**
 * Admins: registry credentials kept by the web (sealed; the password is never shown again). A
 * pull or push from here to a registry listed sends them to the host doing it, for that transfer
 * only — for admins always, for operators only when the registry is granted below.
 */
export function RegistryCredentialsCard() {
  const list = useRegistryCredentials();
  const store = useStoreCredential();
  const remove = useRemoveCredential();
  const [values, setValues] = useState<CredentialFormValues>(empty);
  const [errors, setErrors] = useState<CredentialFormErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const password = useRef<HTMLInputElement>(null);

  const set = (k: keyof CredentialFormValues) => (v: string) => {
    setValues((old) => ({ ...old, [k]: v }));
    setErrors((old) => ({ ...old, [k]: undefined }));
    setSaved(null);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const checked = toStoreRequest(values);
    if (!checked.ok) return setErrors(checked.errors);
    store.mutate(checked.body, {
      onSuccess: (res) => {
        setValues(empty);
        setSaved(res.credential.registry);
      },
    });
  }

  function replace(registry: string, username: string) {
    setValues({ registry, username, password: '' });
    setErrors({});
    setSaved(null);
    password.current?.focus();
  }

  const rows = list.data ?? [];
  return (
    <Card className="mt-8">
      <h2 className="mb-1 font-medium">Registry credentials</h2>
      <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
        Stored once here, sent to a host only with a pull or push from this dashboard, for that
        transfer. Admins always use them; operators only for registries granted below. Passwords are
        kept encrypted and never shown again.
      </p>
      {list.isSuccess && rows.length === 0 ? (
        <p className="mb-3 text-sm text-slate-500">
          No registry credentials stored yet. Until you add some, hosts use only what{' '}
          <code>berth login</code> stored on them.
        </p>
      ) : null}
      <ul className="mb-4 text-sm" aria-label="Stored registry credentials">
        {rows.map((c) => (
          <li key={c.registry} className="flex flex-wrap items-center gap-3 py-1">
            <span className="font-mono">{c.registry}</span>
            <span>as {c.username}</span>
            <span className="text-xs text-slate-500">
              stored by {c.storedBy}, {new Date(c.updatedAt).toLocaleString()}
            </span>
            <Button
              variant="secondary"
              className="!px-2 !py-0.5 text-xs"
              aria-label={`Replace ${c.registry}`}
              onClick={() => replace(c.registry, c.username)}
            >
              Replace
            </Button>
            {confirming === c.registry ? (
              <>
                <Button
                  variant="danger"
                  className="!px-2 !py-0.5 text-xs"
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(c.registry, { onSettled: () => setConfirming(null) })
                  }
                >
                  Remove {c.registry} for good
                </Button>
                <Button
                  variant="secondary"
                  className="!px-2 !py-0.5 text-xs"
                  onClick={() => setConfirming(null)}
                >
                  Keep
                </Button>
              </>
            ) : (
              <Button
                variant="secondary"
                className="!px-2 !py-0.5 text-xs"
                aria-label={`Remove ${c.registry}`}
                onClick={() => setConfirming(c.registry)}
              >
                Remove
              </Button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={submit} noValidate className="grid max-w-3xl gap-2 sm:grid-cols-4">
        <FieldInput
          id="rc-registry"
          label="Registry host"
          placeholder="registry.example.com"
          value={values.registry}
          onChange={set('registry')}
          error={errors.registry}
        />
        <FieldInput
          id="rc-username"
          label="Username"
          autoComplete="off"
          value={values.username}
          onChange={set('username')}
          error={errors.username}
        />
        <FieldInput
          id="rc-password"
          label="Password or token"
          type="password"
          autoComplete="new-password"
          inputRef={password}
          value={values.password}
          onChange={set('password')}
          error={errors.password}
        />
        <div className="flex items-end">
          <Button type="submit" disabled={store.isPending}>
            Save credentials
          </Button>
        </div>
      </form>
      {saved ? (
        <p role="status" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
          Saved the credentials for {saved}. The password will not be shown again.
        </p>
      ) : null}
      <ErrorText error={list.error ?? store.error ?? remove.error} />
    </Card>
  );
}

function FieldInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  type?: string;
  placeholder?: string;
  autoComplete?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-xs font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        ref={props.inputRef}
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        className={inputClass}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      />
      {props.error ? (
        <p id={`${props.id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
