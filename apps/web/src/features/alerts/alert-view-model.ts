import {
  AlertParamsSchemas,
  CreateAlertChannelBody,
  CreateAlertRuleBody,
  CreateSilenceBody,
  hostAlertKinds,
  type AlertKind,
  type AlertScope,
  type ChannelType,
  type CreateAlertChannelInput,
  type CreateAlertRuleInput,
  type CreateSilenceInput,
} from '../../lib/alert-api-schemas.js';
import type { AlertDto } from '../../lib/dto/alert.js';

type Result<T> = { ok: true; body: T } | { ok: false; error: string };

const firstIssue = (e: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const i = e.issues[0]!;
  return `${i.path.map(String).join('.') || 'form'}: ${i.message}`;
};

export const kindLabels: Record<AlertKind, string> = {
  container_exited: 'Container exited unexpectedly',
  restart_loop: 'Restart loop',
  oom_killed: 'OOM kill',
  unhealthy: 'Unhealthy',
  host_offline: 'Host offline',
  cpu_high: 'CPU above % of limit',
  memory_high: 'Memory above % of limit',
  disk_high: 'Data root disk above %',
};

/** What each rule parameter is called on the form. */
export const paramLabels: Record<string, string> = {
  includeCleanExit: 'Also when the exit code is 0',
  restarts: 'Unexpected exits (count)',
  windowSec: 'Within (seconds)',
  resolveAfterSec: 'Resolve after a quiet (seconds)',
  forSec: 'For at least (seconds)',
  percent: 'Above (%)',
};

/** Pure: a kind's parameters with their defaults (the rule form shows one input per entry). */
export function defaultParams(kind: AlertKind): Record<string, number | boolean> {
  return AlertParamsSchemas[kind].parse({}) as Record<string, number | boolean>;
}

/** Pure: "hosts a, b · stacks shop · labels tier=front" (or "everywhere"). */
export function scopeText(scope: AlertScope, hostNames: ReadonlyMap<string, string>): string {
  const parts = [
    scope.hosts?.length
      ? `hosts ${scope.hosts.map((h) => hostNames.get(h) ?? h).join(', ')}`
      : null,
    scope.stacks?.length ? `stacks ${scope.stacks.join(', ')}` : null,
    scope.labels && Object.keys(scope.labels).length
      ? `labels ${Object.entries(scope.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`
      : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'everywhere';
}

const list = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface RuleForm {
  name: string;
  kind: AlertKind;
  params: Record<string, string | boolean>;
  hosts: string[];
  stacks: string;
  /** One `key=value` per line. */
  labels: string;
  channelIds: string[];
}

/** Pure: the rule form → the request body, or what is wrong. Host rules take no stacks/labels. */
export function toRuleRequest(form: RuleForm): Result<CreateAlertRuleInput> {
  const labels: Record<string, string> = {};
  for (const line of form.labels
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const at = line.indexOf('=');
    if (at <= 0) return { ok: false, error: `labels: "${line}" is not key=value` };
    labels[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  const params = Object.fromEntries(
    Object.entries(form.params).map(([k, v]) => [k, typeof v === 'boolean' ? v : Number(v)]),
  );
  const forHost = hostAlertKinds.includes(form.kind);
  const scope: AlertScope = {
    ...(form.hosts.length ? { hosts: form.hosts } : {}),
    ...(!forHost && list(form.stacks).length ? { stacks: list(form.stacks) } : {}),
    ...(!forHost && Object.keys(labels).length ? { labels } : {}),
  };
  const parsed = CreateAlertRuleBody.safeParse({
    name: form.name,
    kind: form.kind,
    params,
    scope,
    channelIds: form.channelIds,
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, error: firstIssue(parsed.error) };
}

export interface ChannelForm {
  name: string;
  type: ChannelType;
  url: string;
  secret: string;
  /** Comma- or space-separated addresses. */
  to: string;
}

export function toChannelRequest(form: ChannelForm): Result<CreateAlertChannelInput> {
  const config =
    form.type === 'email'
      ? { to: list(form.to) }
      : form.type === 'webhook' && form.secret
        ? { url: form.url.trim(), secret: form.secret }
        : { url: form.url.trim() };
  const parsed = CreateAlertChannelBody.safeParse({ name: form.name, type: form.type, config });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, error: firstIssue(parsed.error) };
}

export interface SilenceForm {
  ruleId: string;
  hostId: string;
  container: string;
  stack: string;
  hours: string;
  comment: string;
}

export function toSilenceRequest(form: SilenceForm, now: Date): Result<CreateSilenceInput> {
  const hours = Number(form.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 90)
    return { ok: false, error: 'Duration: more than 0 and at most 2160 hours' };
  const matchers = Object.fromEntries(
    Object.entries({
      ruleId: form.ruleId,
      hostId: form.hostId,
      container: form.container.trim(),
      stack: form.stack.trim(),
    }).filter(([, v]) => v !== ''),
  );
  const parsed = CreateSilenceBody.safeParse({
    matchers,
    comment: form.comment,
    endsAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, error: firstIssue(parsed.error) };
}

export interface AlertViewModel {
  id: string;
  state: AlertDto['state'];
  summary: string;
  rule: string;
  where: string;
  started: string;
  lasted: string;
  notified: string;
  silenced: boolean;
}

/** Pure: "1 h 5 min", "42 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export function toAlertViewModel(a: AlertDto, now: number): AlertViewModel {
  const end = a.resolvedAt ? Date.parse(a.resolvedAt) : now;
  const sent = a.notifications.filter((n) => n.outcome === 'sent').length;
  const failed = a.notifications.filter((n) => n.outcome === 'failed');
  return {
    id: a.id,
    state: a.state,
    summary: a.summary,
    rule: a.ruleName,
    where: a.containerName ? `${a.hostName} / ${a.containerName}` : a.hostName,
    started: a.startedAt.slice(0, 19).replace('T', ' '),
    lasted: `${formatDuration(end - Date.parse(a.startedAt))}${a.state === 'firing' ? ' so far' : ''}`,
    notified: a.silenced
      ? 'silenced'
      : [
          sent ? `${sent} sent` : null,
          failed.length ? `${failed.length} failed (${failed[0]!.error ?? ''})` : null,
        ]
          .filter(Boolean)
          .join(', ') || 'no channel',
    silenced: a.silenced,
  };
}
