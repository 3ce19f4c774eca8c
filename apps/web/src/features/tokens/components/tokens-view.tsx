'use client';

import { useState, type FormEvent } from 'react';
import {
  Button,
  ErrorText,
  Field,
  FormProblem,
  inputClass,
  PageHeader,
  SubmitActions,
  tableClass,
  tdClass,
  TextField,
  thClass,
} from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import type { TokenScope } from '../../../lib/token-scopes.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useTokens } from '../queries/use-tokens.js';
import { useCreateToken } from '../queries/use-create-token.js';
import { useRevokeToken } from '../queries/use-revoke-token.js';
import { toCreateTokenRequest, toTokenViewModel, type TokenForm } from '../token-view-model.js';

const scopeHelp: Record<TokenScope, string> = {
  read: 'read hosts, containers, images, events',
  operate: 'read + start/stop/create containers, images, networks',
  admin: 'everything your role may do, including tokens',
  metrics: 'GET /metrics only (Prometheus)',
};

const emptyForm: TokenForm = { name: '', scopes: ['read'], hosts: [], expiresInDays: '90' };

/** The token, shown once right after it is made. */
function ShownOnce({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <p className="text-sm">
        Copy the token now: it is not shown again (only its hash is stored).
      </p>
      <code
        data-testid="new-token"
        className="block break-all rounded bg-slate-100 p-2 font-mono text-sm dark:bg-slate-800"
      >
        {token}
      </code>
      <div className="flex justify-end gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

function CreateTokenDialog({
  open,
  onClose,
  allowedScopes,
}: {
  open: boolean;
  onClose: () => void;
  allowedScopes: readonly TokenScope[];
}) {
  const create = useCreateToken();
  const hosts = useHosts();
  const [form, setForm] = useState<TokenForm>(emptyForm);
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<string | null>(null);
  function close() {
    setForm(emptyForm);
    setProblem(null);
    setMade(null);
    create.reset();
    onClose();
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const req = toCreateTokenRequest(form, new Date());
    if (!req.ok) return setProblem(req.error);
    setProblem(null);
    create.mutate(req.body, { onSuccess: (res) => setMade(res.token) });
  }
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  return (
    <Dialog open={open} onClose={close} title={made ? 'Your new API token' : 'New API token'}>
      {made ? (
        <ShownOnce token={made} onDone={close} />
      ) : (
        <form onSubmit={submit} className="space-y-4">
          <TextField
            label="Name"
            id="token-name"
            required
            autoFocus
            maxLength={64}
            placeholder="e.g. ci-deploy"
            value={form.name}
            onChange={(v) => setForm({ ...form, name: v })}
          />
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Scopes</legend>
            {allowedScopes.map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={form.scopes.includes(s)}
                  onChange={() => setForm({ ...form, scopes: toggle(form.scopes, s) })}
                />
                <span className="font-medium">{s}</span>
                <span className="text-slate-500">— {scopeHelp[s]}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Hosts (none ticked: every host)</legend>
            {(hosts.data ?? [])
              .filter((h) => h.status !== 'revoked')
              .map((h) => (
                <label key={h.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={form.hosts.includes(h.id)}
                    onChange={() => setForm({ ...form, hosts: toggle(form.hosts, h.id) })}
                  />
                  {h.name}
                </label>
              ))}
          </fieldset>
          <Field label="Expires" htmlFor="token-expiry">
            <select
              id="token-expiry"
              className={inputClass}
              value={form.expiresInDays}
              onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })}
            >
              {['7', '30', '90', '365'].map((d) => (
                <option key={d} value={d}>
                  in {d} days
                </option>
              ))}
              <option value="">never</option>
            </select>
          </Field>
          <FormProblem problem={problem} />
          <ErrorText error={create.error} />
          <SubmitActions onCancel={close} pending={create.isPending}>
            Create token
          </SubmitActions>
        </form>
      )}
    </Dialog>
  );
}

/** Account → API tokens: one's own tokens, made here (shown once) and revoked here. */
export function TokensView({
  allowedScopes,
  canSeeAll,
}: {
  allowedScopes: readonly TokenScope[];
  /** Admins may list (and revoke) everyone's tokens. */
  canSeeAll: boolean;
}) {
  const [everyone, setEveryone] = useState(false);
  const tokens = useTokens(everyone);
  const hosts = useHosts();
  const revoke = useRevokeToken();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const names = new Map((hosts.data ?? []).map((h) => [h.id, h.name]));
  const rows = (tokens.data ?? []).map((t) => toTokenViewModel(t, names));
  return (
    <>
      <PageHeader
        title="API tokens"
        actions={<Button onClick={() => setAdding(true)}>New token</Button>}
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-500 dark:text-slate-400">
        Scripts and tools call the API with <code>Authorization: Bearer berth_…</code>. A token
        never does more than your role allows, and only what its scopes say; see the{' '}
        <a className="underline" href="/api-docs">
          API
        </a>{' '}
        page.
      </p>
      {canSeeAll ? (
        <label className="mb-3 flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={everyone}
            onChange={(e) => setEveryone(e.target.checked)}
          />
          Show every user&apos;s tokens
        </label>
      ) : null}
      <ErrorText error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <p className="text-sm text-slate-500">Loading tokens…</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-slate-500">No tokens yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass}>
            <thead>
              <tr>
                {[
                  'Name',
                  ...(everyone ? ['Owner'] : []),
                  'Token',
                  'Scopes',
                  'Hosts',
                  'Expires',
                  'Last used',
                  'Status',
                  '',
                ].map((h) => (
                  <th key={h} scope="col" className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id}>
                  <td className={tdClass}>{t.name}</td>
                  {everyone ? <td className={tdClass}>{t.owner}</td> : null}
                  <td className={`${tdClass} font-mono`}>{t.prefix}</td>
                  <td className={tdClass}>{t.scopes}</td>
                  <td className={tdClass}>{t.hosts}</td>
                  <td className={tdClass}>{t.expires}</td>
                  <td className={tdClass}>{t.lastUsed}</td>
                  <td className={tdClass}>{t.status}</td>
                  <td className={tdClass}>
                    {t.canRevoke ? (
                      <Button
                        variant="danger"
                        onClick={() => setRevoking({ id: t.id, name: t.name })}
                      >
                        Revoke
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreateTokenDialog
        open={adding}
        onClose={() => setAdding(false)}
        allowedScopes={allowedScopes}
      />
      <Dialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke ${revoking?.name ?? ''}?`}
      >
        <p className="text-sm">Requests with this token are refused from now on.</p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRevoking(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() =>
              revoking && revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })
            }
          >
            Revoke
          </Button>
        </div>
      </Dialog>
    </>
  );
}
