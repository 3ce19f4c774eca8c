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
import type { AlertRuleDto } from '../../../lib/dto/alert.js';
import type { HostDto } from '../../../lib/dto/host.js';
import { useSilences } from '../queries/use-silences.js';
import { useAlertAdmin } from '../queries/use-alert-admin.js';
import { toSilenceRequest, type SilenceForm } from '../alert-view-model.js';

const blank: SilenceForm = {
  ruleId: '',
  hostId: '',
  container: '',
  stack: '',
  hours: '2',
  comment: '',
};

export function SilencesCard({ hosts, rules }: { hosts: HostDto[]; rules: AlertRuleDto[] }) {
  const silences = useSilences();
  const admin = useAlertAdmin();
  const [form, setForm] = useState<SilenceForm>(blank);
  const [problem, setProblem] = useState<string | null>(null);
  const hostNames = new Map(hosts.map((h) => [h.id, h.name]));
  const ruleNames = new Map(rules.map((r) => [r.id, r.name]));
  function submit(e: FormEvent) {
    e.preventDefault();
    const req = toSilenceRequest(form, new Date());
    if (!req.ok) return setProblem(req.error);
    setProblem(null);
    admin.mutate(
      { path: '/api/alerts/silences', method: 'POST', body: req.body },
      { onSuccess: () => setForm(blank) },
    );
  }
  return (
    <Card>
      <h2 className="mb-3 font-medium">Silences</h2>
      <p className="mb-3 text-sm text-slate-500 dark:text-slate-400">
        Matching alerts are still recorded, but nobody is notified until the silence ends.
      </p>
      <ErrorText error={silences.error ?? admin.error} />
      {(silences.data ?? []).length === 0 ? null : (
        <table className={tableClass}>
          <thead>
            <tr>
              {['Matches', 'Until', 'Comment', 'By', ''].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(silences.data ?? []).map((s) => (
              <tr key={s.id} className={s.active ? '' : 'opacity-60'}>
                <td className={tdClass}>
                  {[
                    s.matchers.ruleId
                      ? `rule ${ruleNames.get(s.matchers.ruleId) ?? s.matchers.ruleId}`
                      : null,
                    s.matchers.hostId
                      ? `host ${hostNames.get(s.matchers.hostId) ?? s.matchers.hostId}`
                      : null,
                    s.matchers.container ? `container ${s.matchers.container}` : null,
                    s.matchers.stack ? `stack ${s.matchers.stack}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ') || 'everything'}
                </td>
                <td className={tdClass}>{s.endsAt.slice(0, 16).replace('T', ' ')}</td>
                <td className={tdClass}>{s.comment}</td>
                <td className={tdClass}>{s.createdBy}</td>
                <td className={tdClass}>
                  {s.active ? (
                    <Button
                      variant="secondary"
                      onClick={() =>
                        admin.mutate({ path: `/api/alerts/silences/${s.id}`, method: 'DELETE' })
                      }
                    >
                      End now
                    </Button>
                  ) : (
                    'ended'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit} className="mt-4 grid gap-3 md:grid-cols-3" aria-label="New silence">
        <Field label="Rule" htmlFor="silence-rule">
          <select
            id="silence-rule"
            className={inputClass}
            value={form.ruleId}
            onChange={(e) => setForm({ ...form, ruleId: e.target.value })}
          >
            <option value="">any</option>
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Host" htmlFor="silence-host">
          <select
            id="silence-host"
            className={inputClass}
            value={form.hostId}
            onChange={(e) => setForm({ ...form, hostId: e.target.value })}
          >
            <option value="">any</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          label="Container name"
          id="silence-container"
          value={form.container}
          onChange={(v) => setForm({ ...form, container: v })}
        />
        <TextField
          label="Stack"
          id="silence-stack"
          value={form.stack}
          onChange={(v) => setForm({ ...form, stack: v })}
        />
        <TextField
          label="For (hours)"
          id="silence-hours"
          inputMode="decimal"
          value={form.hours}
          onChange={(v) => setForm({ ...form, hours: v })}
        />
        <TextField
          label="Comment"
          id="silence-comment"
          value={form.comment}
          onChange={(v) => setForm({ ...form, comment: v })}
        />
        <div className="md:col-span-3">
          <FormProblem problem={problem} />
          <Button type="submit" disabled={admin.isPending}>
            Add silence
          </Button>
        </div>
      </form>
    </Card>
  );
}
