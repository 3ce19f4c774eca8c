import type { AlertKind } from '../../../lib/alert-api-schemas.js';

/** One notification: an alert that started firing or resolved. Sent as is by generic webhooks. */
export interface AlertNotice {
  status: 'firing' | 'resolved';
  alert: {
    id: string;
    summary: string;
    rule: { id: string; name: string; kind: AlertKind };
    host: { id: string; name: string };
    container: { id: string; name: string; stack: string | null } | null;
    value: number | null;
    startedAt: string;
    resolvedAt: string | null;
    /** The alert history page on the web. */
    url: string;
  };
}

/** Pure: the generic webhook body (versioned, so receivers can tell shapes apart). */
export function webhookBody(n: AlertNotice): Record<string, unknown> {
  return { version: 1, source: 'berth', ...n };
}

/** Pure: a Slack incoming-webhook message (also understood by Mattermost and Rocket.Chat). */
export function slackBody(n: AlertNotice): Record<string, unknown> {
  const icon = n.status === 'firing' ? ':red_circle:' : ':large_green_circle:';
  const title = `${n.status === 'firing' ? 'FIRING' : 'RESOLVED'}: ${n.alert.rule.name}`;
  const text = `${icon} *${title}*\n${n.alert.summary}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `host ${n.alert.host.name}${n.alert.container ? ` · container ${n.alert.container.name}` : ''} · <${n.alert.url}|Berth alerts>`,
          },
        ],
      },
    ],
  };
}

/** Pure: subject and plain-text body of the e-mail. */
export function emailMessage(n: AlertNotice): { subject: string; text: string } {
  const state = n.status === 'firing' ? 'FIRING' : 'RESOLVED';
  const lines = [
    n.alert.summary,
    '',
    `Rule:      ${n.alert.rule.name} (${n.alert.rule.kind})`,
    `Host:      ${n.alert.host.name}`,
    ...(n.alert.container
      ? [
          `Container: ${n.alert.container.name}${n.alert.container.stack ? ` (stack ${n.alert.container.stack})` : ''}`,
        ]
      : []),
    `Started:   ${n.alert.startedAt}`,
    ...(n.alert.resolvedAt ? [`Resolved:  ${n.alert.resolvedAt}`] : []),
    '',
    n.alert.url,
  ];
  return { subject: `[Berth ${state}] ${n.alert.summary}`, text: lines.join('\n') };
}
