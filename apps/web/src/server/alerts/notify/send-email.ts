import { createTransport, type Transporter } from 'nodemailer';

export interface SmtpConfig {
  /** nodemailer connection URL: smtp://user:pass@host:587, smtps://host:465 … */
  url: string;
  from: string;
}

export interface Mailer {
  send(to: readonly string[], message: { subject: string; text: string }): Promise<void>;
  close(): void;
}

/** E-mail through the SMTP server of BERTH_SMTP_URL (one pooled transport for the process). */
export function createMailer(config: SmtpConfig): Mailer {
  const url = new URL(config.url);
  for (const [k, v] of Object.entries({
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  }))
    if (!url.searchParams.has(k)) url.searchParams.set(k, String(v));
  const transport: Transporter = createTransport(url.toString());
  return {
    async send(to, message) {
      await transport.sendMail({
        from: config.from,
        to: [...to],
        subject: message.subject,
        text: message.text,
      });
    },
    close: () => transport.close(),
  };
}
