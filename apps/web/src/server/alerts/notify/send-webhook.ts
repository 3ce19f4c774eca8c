import { createHmac } from 'node:crypto';

export interface WebhookOptions {
  timeoutMs?: number;
  /** Delays before the 2nd, 3rd… attempt (a 4xx answer is not retried). */
  retryDelaysMs?: readonly number[];
  /** HMAC-SHA256 key: adds `X-Berth-Signature: sha256=<hex of the body's HMAC>`. */
  secret?: string;
  sleep?: (ms: number) => Promise<void>;
}

/** Pure: the signature header value of a body. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs JSON to a webhook: a short timeout, no redirects followed (a 3xx is a failure), retries
 * on network errors and 5xx/429 only. Resolves when delivered, rejects with the last reason.
 */
export async function sendWebhook(
  url: string,
  payload: unknown,
  opts: WebhookOptions = {},
): Promise<void> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'berth-alerts/1',
    ...(opts.secret ? { 'x-berth-signature': signatureOf(opts.secret, body) } : {}),
  };
  const delays = opts.retryDelaysMs ?? [1000, 4000];
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  let lastError = 'not sent';
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await sleep(delays[attempt - 1]!);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
      if (res.status < 500 && res.status !== 429) break;
    } catch (err) {
      lastError =
        err instanceof Error
          ? err.cause instanceof Error
            ? err.cause.message
            : err.message
          : String(err);
    }
  }
  throw new Error(`webhook not delivered: ${lastError}`);
}
