import { ProtocolError } from '@berth/protocol';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import { randomId } from '../auth/secrets.js';
import {
  AlertParamsSchemas,
  type CreateAlertChannelInput,
  type CreateAlertRuleInput,
  type CreateSilenceInput,
  type UpdateAlertRuleInput,
} from '../../lib/alert-api-schemas.js';
import type {
  AlertChannelDto,
  AlertPageDto,
  AlertRuleDto,
  SilenceDto,
} from '../../lib/dto/alert.js';
import type { AlertsRepo } from './alerts-repo.js';
import { toAlertDto, toChannelDto, toRuleDto, toSilenceDto } from './alert-dto.js';
import { deliver, type DispatchDeps } from './notify/dispatch.js';
import { auditedRun } from '../audit/audited.js';

export interface AlertsServiceDeps extends DispatchDeps {
  repo: AlertsRepo;
  audit: AuditRepo;
  /** Told after rules change, so the engine evaluates the new set. */
  rulesChanged: () => Promise<void>;
  publicUrl: string;
  now?: () => Date;
}

/** Alert rules, channels and silences (admins, audited) and the alert history (readers). */
export function createAlertsService(deps: AlertsServiceDeps) {
  const now = deps.now ?? (() => new Date());

  const audited = <T>(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    target: string,
    detail: Record<string, unknown>,
    run: () => Promise<T>,
  ): Promise<T> => auditedRun(deps.audit, { principal, meta, action, target, detail }, run);

  async function checkChannels(ids: readonly string[]) {
    for (const id of ids) {
      if (!(await deps.repo.channels.find(id)))
        throw new ProtocolError('INVALID_ARGUMENT', `channelIds: no channel ${id}`);
    }
  }

  async function ruleOrThrow(id: string) {
    const rule = await deps.repo.rules.find(id);
    if (!rule) throw new ProtocolError('NOT_FOUND', `no alert rule ${id}`);
    return rule;
  }

  return {
    async listRules(): Promise<AlertRuleDto[]> {
      return (await deps.repo.rules.list()).map(toRuleDto);
    },

    createRule: (p: Principal, input: CreateAlertRuleInput, meta: RequestMeta) =>
      audited(p, meta, 'alert.rule.create', `alert-rule:${input.name}`, { ...input }, async () => {
        if (await deps.repo.rules.findByName(input.name))
          throw new ProtocolError('ALREADY_EXISTS', `an alert rule named ${input.name} exists`);
        await checkChannels(input.channelIds);
        const row = await deps.repo.rules.create({
          id: randomId(),
          name: input.name,
          kind: input.kind,
          params: JSON.stringify(input.params),
          scope: JSON.stringify(input.scope),
          channelIds: JSON.stringify(input.channelIds),
          enabled: input.enabled,
          createdBy: p.username,
        });
        await deps.rulesChanged();
        return toRuleDto(row);
      }),

    updateRule: (p: Principal, id: string, input: UpdateAlertRuleInput, meta: RequestMeta) =>
      audited(p, meta, 'alert.rule.update', `alert-rule:${id}`, { ...input }, async () => {
        const rule = await ruleOrThrow(id);
        const kind = rule.kind as keyof typeof AlertParamsSchemas;
        let params: string | undefined;
        if (input.params) {
          const parsed = AlertParamsSchemas[kind].safeParse(input.params);
          if (!parsed.success)
            throw new ProtocolError(
              'INVALID_ARGUMENT',
              `params: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
            );
          params = JSON.stringify(parsed.data);
        }
        if (
          input.name &&
          input.name !== rule.name &&
          (await deps.repo.rules.findByName(input.name))
        )
          throw new ProtocolError('ALREADY_EXISTS', `an alert rule named ${input.name} exists`);
        if (input.channelIds) await checkChannels(input.channelIds);
        const row = await deps.repo.rules.update(id, {
          ...(input.name ? { name: input.name } : {}),
          ...(params ? { params } : {}),
          ...(input.scope ? { scope: JSON.stringify(input.scope) } : {}),
          ...(input.channelIds ? { channelIds: JSON.stringify(input.channelIds) } : {}),
          ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
        });
        await deps.rulesChanged();
        return toRuleDto(row);
      }),

    deleteRule: (p: Principal, id: string, meta: RequestMeta) =>
      audited(p, meta, 'alert.rule.delete', `alert-rule:${id}`, {}, async () => {
        await ruleOrThrow(id);
        await deps.repo.rules.remove(id);
        await deps.rulesChanged();
      }),

    async listChannels(): Promise<AlertChannelDto[]> {
      return (await deps.repo.channels.list()).map(toChannelDto);
    },

    createChannel: (p: Principal, input: CreateAlertChannelInput, meta: RequestMeta) =>
      audited(
        p,
        meta,
        'alert.channel.create',
        `alert-channel:${input.name}`,
        { name: input.name, type: input.type },
        async () => {
          if (input.type === 'email' && !deps.mailer)
            throw new ProtocolError(
              'FAILED_PRECONDITION',
              'e-mail is not configured on the web: set BERTH_SMTP_URL and BERTH_SMTP_FROM',
            );
          if (await deps.repo.channels.findByName(input.name))
            throw new ProtocolError('ALREADY_EXISTS', `a channel named ${input.name} exists`);
          const row = await deps.repo.channels.create({
            id: randomId(),
            name: input.name,
            type: input.type,
            config: JSON.stringify(input.config),
            createdBy: p.username,
          });
          return toChannelDto(row);
        },
      ),

    deleteChannel: (p: Principal, id: string, meta: RequestMeta) =>
      audited(p, meta, 'alert.channel.delete', `alert-channel:${id}`, {}, async () => {
        if (!(await deps.repo.channels.find(id)))
          throw new ProtocolError('NOT_FOUND', `no channel ${id}`);
        for (const rule of await deps.repo.rules.list()) {
          const ids = JSON.parse(rule.channelIds) as string[];
          if (ids.includes(id))
            await deps.repo.rules.update(rule.id, {
              channelIds: JSON.stringify(ids.filter((i) => i !== id)),
            });
        }
        await deps.repo.channels.remove(id);
      }),

    /** Sends a test notice through a channel; answers whether it was delivered. */
    testChannel: (p: Principal, id: string, meta: RequestMeta) =>
      audited(p, meta, 'alert.channel.test', `alert-channel:${id}`, {}, async () => {
        const channel = await deps.repo.channels.find(id);
        if (!channel) throw new ProtocolError('NOT_FOUND', `no channel ${id}`);
        const at = now().toISOString();
        const error = await deliver(
          channel,
          {
            status: 'firing',
            alert: {
              id: 'test',
              summary: `Test notification from Berth (sent by ${p.username})`,
              rule: { id: 'test', name: 'test', kind: 'container_exited' },
              host: { id: 'test', name: 'test' },
              container: null,
              value: null,
              startedAt: at,
              resolvedAt: null,
              url: `${deps.publicUrl}/alerts`,
            },
          },
          deps,
        );
        return { delivered: error === null, error };
      }),

    async listSilences(): Promise<SilenceDto[]> {
      const at = now();
      return (await deps.repo.silences.list()).map((s) => toSilenceDto(s, at));
    },

    createSilence: (p: Principal, input: CreateSilenceInput, meta: RequestMeta) =>
      audited(p, meta, 'alert.silence.create', 'alert-silence', { ...input }, async () => {
        const startsAt = input.startsAt ? new Date(input.startsAt) : now();
        const endsAt = new Date(input.endsAt);
        if (endsAt <= startsAt || endsAt <= now())
          throw new ProtocolError(
            'INVALID_ARGUMENT',
            'endsAt: must be in the future and after startsAt',
          );
        const row = await deps.repo.silences.create({
          id: randomId(),
          matchers: JSON.stringify(input.matchers),
          comment: input.comment,
          startsAt,
          endsAt,
          createdBy: p.username,
        });
        return toSilenceDto(row, now());
      }),

    /** Ends a silence now (kept in the list as expired). */
    expireSilence: (p: Principal, id: string, meta: RequestMeta) =>
      audited(p, meta, 'alert.silence.expire', `alert-silence:${id}`, {}, async () => {
        const s = await deps.repo.silences.find(id);
        if (!s) throw new ProtocolError('NOT_FOUND', `no silence ${id}`);
        const at = now();
        return toSilenceDto(s.endsAt > at ? await deps.repo.silences.expire(id, at) : s, at);
      }),

    async history(f: {
      state?: 'firing' | 'resolved';
      hostIds: string[] | null;
      page: number;
      pageSize: number;
    }): Promise<AlertPageDto> {
      const { rows, total } = await deps.repo.alerts.list(f);
      return { alerts: rows.map(toAlertDto), total, page: f.page, pageSize: f.pageSize };
    },
  };
}
export type AlertsService = ReturnType<typeof createAlertsService>;
