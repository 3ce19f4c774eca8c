'use client';

import { useState, type FormEvent } from 'react';
import {
  Button,
  Card,
  ErrorText,
  Field,
  FormProblem,
  inputClass,
  tableClass,
  tdClass,
  TextField,
  thClass,
} from '../../../components/ui/ui.js';
import { alertKinds, hostAlertKinds, type AlertKind } from '../../../lib/alert-api-schemas.js';
import type { AlertChannelDto } from '../../../lib/dto/alert.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { useAlertRules } from '../queries/use-alert-rules.js';
import { useAlertAdmin } from '../queries/use-alert-admin.js';
import {
  defaultParams,
  kindLabels,
  paramLabels,
  scopeText,
  toRuleRequest,
  type RuleForm,
} from '../alert-view-model.js';

const blank = (kind: AlertKind): RuleForm => ({
  name: '',
  kind,
  params: Object.fromEntries(
    Object.entries(defaultParams(kind)).map(([k, v]) => [
      k,
      typeof v === 'boolean' ? v : String(v),
    ]),
  ),
  hosts: [],
  stacks: '',
  labels: '',
  channelIds: [],
});

function RuleFormView({ hosts, channels }: { hosts: HostDto[]; channels: AlertChannelDto[] }) {
  const admin = useAlertAdmin();
  const [form, setForm] = useState<RuleForm>(blank('container_exited'));
  const [problem, setProblem] = useState<string | null>(null);
  const forHost = hostAlertKinds.includes(form.kind);
  const toggle = (l: string[], x: string) => (l.includes(x) ? l.filter((y) => y !== x) : [...l, x]);
  function submit(e: FormEvent) {
    e.preventDefault();
    const req = toRuleRequest(form);
    if (!req.ok) return setProblem(req.error);
    setProblem(null);
    admin.mutate(
      { path: '/api/alerts/rules', method: 'POST', body: req.body },
      { onSuccess: () => setForm(blank(form.kind)) },
    );
  }
  return (
    <form onSubmit={submit} className="mt-4 grid gap-3 md:grid-cols-2" aria-label="New alert rule">
      <TextField
        label="Name"
        id="rule-name"
        required
        value={form.name}
        onChange={(v) => setForm({ ...form, name: v })}
      />
      <Field label="When" htmlFor="rule-kind">
        <select
          id="rule-kind"
          className={inputClass}
          value={form.kind}
          onChange={(e) =>
            setForm({
              ...blank(e.target.value as AlertKind),
              name: form.name,
              channelIds: form.channelIds,
            })
          }
        >
          {alertKinds.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </Field>
      {Object.entries(form.params).map(([k, v]) =>
        typeof v === 'boolean' ? (
          <label key={k} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={v}
              onChange={(e) =>
                setForm({ ...form, params: { ...form.params, [k]: e.target.checked } })
              }
            />
            {paramLabels[k] ?? k}
          </label>
        ) : (
          <Field key={k} label={paramLabels[k] ?? k} htmlFor={`rule-${k}`}>
            <input
              id={`rule-${k}`}
              inputMode="decimal"
              className={inputClass}
              value={v}
              onChange={(e) =>
                setForm({ ...form, params: { ...form.params, [k]: e.target.value } })
              }
            />
          </Field>
        ),
      )}
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Hosts (none: all)</legend>
        {hosts.map((h) => (
          <label key={h.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={form.hosts.includes(h.id)}
              onChange={() => setForm({ ...form, hosts: toggle(form.hosts, h.id) })}
            />
            {h.name}
          </label>
        ))}
      </fieldset>
      {forHost ? null : (
        <>
          <TextField
            label="Stacks (compose projects, comma-separated)"
            id="rule-stacks"
            value={form.stacks}
            onChange={(v) => setForm({ ...form, stacks: v })}
          />
          <Field label="Labels (key=value, one per line)" htmlFor="rule-labels">
            <textarea
              id="rule-labels"
              rows={2}
              className={inputClass}
              value={form.labels}
              onChange={(e) => setForm({ ...form, labels: e.target.value })}
            />
          </Field>
        </>
      )}
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Notify</legend>
        {channels.length === 0 ? (
          <p className="text-slate-500">Add a channel below first.</p>
        ) : null}
        {channels.map((c) => (
          <label key={c.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={form.channelIds.includes(c.id)}
              onChange={() => setForm({ ...form, channelIds: toggle(form.channelIds, c.id) })}
            />
            {c.name} ({c.type})
          </label>
        ))}
      </fieldset>
      <div className="md:col-span-2">
        <FormProblem problem={problem} />
        <ErrorText error={admin.error} />
        <Button type="submit" disabled={admin.isPending}>
          Add rule
        </Button>
      </div>
    </form>
  );
}

export function RulesCard({ hosts, channels }: { hosts: HostDto[]; channels: AlertChannelDto[] }) {
  const rules = useAlertRules();
  const admin = useAlertAdmin();
  const hostNames = new Map(hosts.map((h) => [h.id, h.name]));
  const channelNames = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <Card>
      <h2 className="mb-3 font-medium">Rules</h2>
      <ErrorText error={rules.error ?? admin.error} />
      {(rules.data ?? []).length === 0 ? (
        <p className="text-sm text-slate-500">No rules yet.</p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              {['Name', 'When', 'Where', 'Notify', 'Enabled', ''].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(rules.data ?? []).map((r) => (
              <tr key={r.id}>
                <td className={tdClass}>{r.name}</td>
                <td className={tdClass}>
                  {kindLabels[r.kind]}{' '}
                  <span className="text-xs text-slate-500">
                    {Object.entries(r.params)
                      .map(([k, v]) => `${k}=${String(v)}`)
                      .join(' ')}
                  </span>
                </td>
                <td className={tdClass}>{scopeText(r.scope, hostNames)}</td>
                <td className={tdClass}>
                  {r.channelIds.map((id) => channelNames.get(id) ?? id).join(', ') || '—'}
                </td>
                <td className={tdClass}>
                  <input
                    type="checkbox"
                    aria-label={`Rule ${r.name} enabled`}
                    checked={r.enabled}
                    onChange={(e) =>
                      admin.mutate({
                        path: `/api/alerts/rules/${r.id}`,
                        method: 'PATCH',
                        body: { enabled: e.target.checked },
                      })
                    }
                  />
                </td>
                <td className={tdClass}>
                  <Button
                    variant="danger"
                    onClick={() =>
                      admin.mutate({ path: `/api/alerts/rules/${r.id}`, method: 'DELETE' })
                    }
                  >
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RuleFormView hosts={hosts} channels={channels} />
    </Card>
  );
}
