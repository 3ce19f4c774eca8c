'use client';

import { useState, type FormEvent } from 'react';
import { Button, Card, ErrorText, inputClass } from '../../../components/ui/ui.js';
import { useRegistryGrants } from '../queries/use-registry-grants.js';
import { useChangeGrant } from '../queries/use-change-grant.js';

/**
 * Admins: which registries' stored credentials (kept by the web, or on the hosts by `berth
 * login`) operators may use when they pull or push from here. Admins always may; without a grant
 * an operator's pull from such a registry is refused.
 */
export function RegistryGrantsCard() {
  const grants = useRegistryGrants();
  const change = useChangeGrant();
  const [registry, setRegistry] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    change.mutate({ registry, grant: true }, { onSuccess: () => setRegistry('') });
  }

  return (
    <Card className="mt-8">
      <h2 className="mb-1 font-medium">Who may use stored credentials</h2>
      <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
        Pulls and pushes that use stored credentials (above, or on a host with{' '}
        <code>berth login</code>) need an admin, or a registry granted here to operators.
      </p>
      <ul className="mb-3 text-sm" aria-label="Granted registries">
        {(grants.data ?? []).map((g) => (
          <li key={g.registry} className="flex items-center gap-3 py-1">
            <span className="font-mono">{g.registry}</span>
            <span className="text-xs text-slate-500">granted by {g.grantedBy}</span>
            <Button
              variant="secondary"
              className="!px-2 !py-0.5 text-xs"
              onClick={() => change.mutate({ registry: g.registry, grant: false })}
            >
              Revoke {g.registry}
            </Button>
          </li>
        ))}
        {grants.data?.length === 0 ? <li className="text-slate-500">None granted.</li> : null}
      </ul>
      <form onSubmit={submit} className="flex items-center gap-2">
        <input
          aria-label="Registry host"
          placeholder="registry.example.com:5000"
          className={`${inputClass} max-w-xs`}
          value={registry}
          onChange={(e) => setRegistry(e.target.value)}
          required
        />
        <Button type="submit" disabled={change.isPending}>
          Grant to operators
        </Button>
      </form>
      <ErrorText error={grants.error ?? change.error} />
    </Card>
  );
}
