import {
  AlertParamsSchemas,
  AlertScopeSchema,
  SilenceMatchersSchema,
  alertKinds,
  channelTypes,
  type AlertKind,
  type ChannelType,
} from '../../lib/alert-api-schemas.js';
import type { AlertChannelDto, AlertDto, AlertRuleDto, SilenceDto } from '../../lib/dto/alert.js';
import type { ActiveAlert, EngineRule } from './engine-types.js';

function json(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

const isKind = (k: string): k is AlertKind => (alertKinds as readonly string[]).includes(k);

interface RuleRow {
  id: string;
  name: string;
  kind: string;
  params: string;
  scope: string;
  channelIds: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export function toRuleDto(r: RuleRow): AlertRuleDto {
  const ids = json(r.channelIds, []);
  return {
    id: r.id,
    name: r.name,
    kind: isKind(r.kind) ? r.kind : 'container_exited',
    params: (json(r.params, {}) ?? {}) as Record<string, unknown>,
    scope: AlertScopeSchema.catch({ hosts: [] }).parse(json(r.scope, {})),
    channelIds: Array.isArray(ids) ? ids.filter((i): i is string => typeof i === 'string') : [],
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    createdBy: r.createdBy,
  };
}

/** Pure: a stored rule as the engine takes it; null for a row that no longer validates. */
export function toEngineRule(r: RuleRow): EngineRule | null {
  if (!r.enabled || !isKind(r.kind)) return null;
  const params = AlertParamsSchemas[r.kind].safeParse(json(r.params, {}));
  const scope = AlertScopeSchema.safeParse(json(r.scope, {}));
  if (!params.success || !scope.success) return null;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    params: params.data,
    scope: scope.data,
  } as EngineRule;
}

interface ChannelRow {
  id: string;
  name: string;
  type: string;
  config: string;
  createdAt: Date;
  createdBy: string;
}

export function toChannelDto(c: ChannelRow): AlertChannelDto {
  const config = (json(c.config, {}) ?? {}) as Record<string, unknown>;
  return {
    id: c.id,
    name: c.name,
    type: (channelTypes as readonly string[]).includes(c.type)
      ? (c.type as ChannelType)
      : 'webhook',
    config: config.secret ? { ...config, secret: '***' } : config,
    createdAt: c.createdAt.toISOString(),
    createdBy: c.createdBy,
  };
}

interface SilenceRow {
  id: string;
  matchers: string;
  comment: string;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  createdBy: string;
}

export function toSilenceDto(s: SilenceRow, now: Date): SilenceDto {
  return {
    id: s.id,
    // A matcher set that no longer parses matches nothing rather than everything.
    matchers: SilenceMatchersSchema.catch({ ruleId: '(invalid)' }).parse(json(s.matchers, {})),
    comment: s.comment,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    createdAt: s.createdAt.toISOString(),
    createdBy: s.createdBy,
    active: s.startsAt <= now && s.endsAt > now,
  };
}

interface AlertRow {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: string;
  hostId: string;
  hostName: string;
  containerId: string | null;
  containerName: string | null;
  stack: string | null;
  state: string;
  summary: string;
  value: number | null;
  startedAt: Date;
  resolvedAt: Date | null;
  silenced: boolean;
  notifications?: {
    channelId: string;
    channelName: string;
    event: string;
    outcome: string;
    error: string | null;
    at: Date;
  }[];
}

export function toAlertDto(a: AlertRow): AlertDto {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName: a.ruleName,
    kind: isKind(a.kind) ? a.kind : 'container_exited',
    hostId: a.hostId,
    hostName: a.hostName,
    containerId: a.containerId,
    containerName: a.containerName,
    stack: a.stack,
    state: a.state === 'firing' ? 'firing' : 'resolved',
    summary: a.summary,
    value: a.value,
    startedAt: a.startedAt.toISOString(),
    resolvedAt: a.resolvedAt ? a.resolvedAt.toISOString() : null,
    silenced: a.silenced,
    notifications: (a.notifications ?? []).map((n) => ({
      channelId: n.channelId,
      channelName: n.channelName,
      event: n.event === 'resolved' ? 'resolved' : 'firing',
      outcome: n.outcome === 'sent' ? 'sent' : n.outcome === 'silenced' ? 'silenced' : 'failed',
      error: n.error,
      at: n.at.toISOString(),
    })),
  };
}

/** Pure: a firing history row as the engine holds it (restored at start, reconciled on takeover). */
export function rowToActive(a: {
  fingerprint: string;
  ruleId: string;
  kind: string;
  hostId: string;
  containerId: string | null;
  containerName: string | null;
  stack: string | null;
  startedAt: Date;
  value: number | null;
}): ActiveAlert {
  return {
    fingerprint: a.fingerprint,
    ruleId: a.ruleId,
    kind: isKind(a.kind) ? a.kind : 'container_exited',
    hostId: a.hostId,
    containerId: a.containerId,
    containerName: a.containerName,
    stack: a.stack,
    startedAt: a.startedAt.getTime(),
    value: a.value,
  };
}
