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
import { channelTypes, type ChannelType } from '../../../lib/alert-api-schemas.js';
import type { AlertChannelDto } from '../../../lib/dto/alert.js';
import { useAlertAdmin } from '../queries/use-alert-admin.js';
import { toChannelRequest, type ChannelForm } from '../alert-view-model.js';

const blank: ChannelForm = { name: '', type: 'webhook', url: '', secret: '', to: '' };

const target = (c: AlertChannelDto) =>
  c.type === 'email'
    ? (c.config.to as string[] | undefined)?.join(', ')
    : String(c.config.url ?? '');

export function ChannelsCard({ channels }: { channels: AlertChannelDto[] }) {
  const admin = useAlertAdmin();
  const tester = useAlertAdmin<{ delivered: boolean; error: string | null }>();
  const [tested, setTested] = useState<Record<string, string>>({});
  const [form, setForm] = useState<ChannelForm>(blank);
  const [problem, setProblem] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    const req = toChannelRequest(form);
    if (!req.ok) return setProblem(req.error);
    setProblem(null);
    admin.mutate(
      { path: '/api/alerts/channels', method: 'POST', body: req.body },
      { onSuccess: () => setForm(blank) },
    );
  }
  return (
    <Card>
      <h2 className="mb-3 font-medium">Channels</h2>
      <ErrorText error={admin.error} />
      {channels.length === 0 ? (
        <p className="text-sm text-slate-500">No channels yet.</p>
      ) : (
        <table className={tableClass}>
          <thead>
            <tr>
              {['Name', 'Type', 'Sends to', ''].map((h) => (
                <th key={h} scope="col" className={thClass}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.id}>
                <td className={tdClass}>{c.name}</td>
                <td className={tdClass}>{c.type}</td>
                <td className={`${tdClass} max-w-xs truncate`}>{target(c)}</td>
                <td className={`${tdClass} space-x-2 whitespace-nowrap`}>
                  <Button
                    variant="secondary"
                    onClick={() =>
                      tester.mutate(
                        { path: `/api/alerts/channels/${c.id}/test`, method: 'POST' },
                        {
                          onSuccess: (r) =>
                            setTested({
                              ...tested,
                              [c.id]: r.delivered ? 'delivered' : `failed: ${r.error ?? ''}`,
                            }),
                        },
                      )
                    }
                  >
                    Test
                  </Button>
                  <Button
                    variant="danger"
                    onClick={() =>
                      admin.mutate({ path: `/api/alerts/channels/${c.id}`, method: 'DELETE' })
                    }
                  >
                    Delete
                  </Button>
                  {tested[c.id] ? <span className="text-xs">{tested[c.id]}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit} className="mt-4 grid gap-3 md:grid-cols-2" aria-label="New channel">
        <TextField
          label="Name"
          id="channel-name"
          required
          value={form.name}
          onChange={(v) => setForm({ ...form, name: v })}
        />
        <Field label="Type" htmlFor="channel-type">
          <select
            id="channel-type"
            className={inputClass}
            value={form.type}
            onChange={(e) => setForm({ ...form, type: e.target.value as ChannelType })}
          >
            {channelTypes.map((t) => (
              <option key={t} value={t}>
                {t === 'webhook'
                  ? 'webhook (generic JSON)'
                  : t === 'slack'
                    ? 'Slack-compatible webhook'
                    : 'e-mail'}
              </option>
            ))}
          </select>
        </Field>
        {form.type === 'email' ? (
          <TextField
            label="To (addresses, comma-separated)"
            id="channel-to"
            value={form.to}
            onChange={(v) => setForm({ ...form, to: v })}
          />
        ) : (
          <TextField
            label="URL"
            id="channel-url"
            type="url"
            value={form.url}
            onChange={(v) => setForm({ ...form, url: v })}
          />
        )}
        {form.type === 'webhook' ? (
          <TextField
            label="Signing secret (optional, 16+ characters)"
            id="channel-secret"
            value={form.secret}
            onChange={(v) => setForm({ ...form, secret: v })}
          />
        ) : null}
        <div className="md:col-span-2">
          <FormProblem problem={problem} />
          <Button type="submit" disabled={admin.isPending}>
            Add channel
          </Button>
        </div>
      </form>
    </Card>
  );
}
