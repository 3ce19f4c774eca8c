import { CreateAlertChannelBody } from '../../../lib/alert-api-schemas.js';
import type { Mailer } from './send-email.js';
import { emailMessage, slackBody, webhookBody, type AlertNotice } from './notice.js';
import { sendWebhook, type WebhookOptions } from './send-webhook.js';

export interface ChannelRowLike {
  id: string;
  name: string;
  type: string;
  config: string;
}

export interface DispatchDeps {
  /** null when BERTH_SMTP_URL is not set (e-mail channels then fail, saying so). */
  mailer: Mailer | null;
  webhook?: WebhookOptions;
}

/** Sends one notice to one channel; resolves with null when delivered, else the reason. */
export async function deliver(
  channel: ChannelRowLike,
  notice: AlertNotice,
  deps: DispatchDeps,
): Promise<string | null> {
  let config: unknown;
  try {
    config = JSON.parse(channel.config);
  } catch {
    return 'the channel configuration is not valid JSON';
  }
  const parsed = CreateAlertChannelBody.safeParse({
    name: channel.name,
    type: channel.type,
    config,
  });
  if (!parsed.success)
    return `the channel configuration is invalid: ${parsed.error.issues[0]?.message ?? ''}`;
  const c = parsed.data;
  try {
    switch (c.type) {
      case 'webhook':
        await sendWebhook(c.config.url, webhookBody(notice), {
          ...deps.webhook,
          ...(c.config.secret ? { secret: c.config.secret } : {}),
        });
        return null;
      case 'slack':
        await sendWebhook(c.config.url, slackBody(notice), deps.webhook);
        return null;
      case 'email':
        if (!deps.mailer) return 'e-mail is not configured on the web (BERTH_SMTP_URL)';
        await deps.mailer.send(c.config.to, emailMessage(notice));
        return null;
    }
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
