import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '../core/config/app-config.service';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `X-Meilenstein-Kind` naming the kind of email for filters and tests. */
  headers?: Record<string, string>;
  /** Display name of the sender, e.g. "Stiftung Beispiel via Meilenstein"; the address stays MAIL_FROM's. */
  senderName?: string;
  /** Inline images the HTML part shows by content id (the funder's logo). */
  inline?: { cid: string; fileName: string; contentType: string; content: Buffer }[];
}

/** The address and display name of `MAIL_FROM` ("Meilenstein <no-reply@…>" or a bare address). */
export function parseFrom(from: string): { name: string; address: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match
    ? { name: match[1].trim(), address: match[2].trim() }
    : { name: '', address: from.trim() };
}

/** SMTP through nodemailer; `sendOnce` records each delivery under an idempotency key. */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private transporter(): Transporter {
    this.transport ??= createTransport({
      host: this.config.get('SMTP_HOST'),
      port: this.config.get('SMTP_PORT'),
      secure: this.config.get('SMTP_SECURE'),
      ...(this.config.get('SMTP_USER')
        ? { auth: { user: this.config.get('SMTP_USER'), pass: this.config.get('SMTP_PASSWORD') } }
        : {}),
      // Pooled: connections stay open between emails (a new one per email cost ~100 ms), one
      // per job the worker runs at once.
      pool: true,
      maxConnections: this.config.get('WORKER_CONCURRENCY_NOTIFICATIONS'),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    return this.transport;
  }

  /**
   * Sends the message unless one was already sent under `key`. A failure throws, so the job is
   * retried with backoff; a crash between sending and recording can, rarely, send twice.
   */
  async sendOnce(
    key: string,
    message: MailMessage,
  ): Promise<{ sent: boolean; messageId?: string }> {
    const [result] = await this.sendEachOnce([{ key, message }]);
    return result;
  }

  /**
   * `sendOnce` for a fan-out: one read finds the keys already sent, the rest go out at once over
   * the pooled connections, and one statement records every one that was sent. When one fails the
   * others still go out and are recorded, then the first failure is thrown (the retry sends only
   * what is left).
   */
  async sendEachOnce(
    items: { key: string; message: MailMessage }[],
  ): Promise<{ sent: boolean; messageId?: string }[]> {
    if (!items.length) return [];
    // Raw SQL for both statements: a fan-out runs them for every event, and the ORM's building of
    // them cost more CPU than the statements themselves.
    const done = new Set(
      (
        await this.dataSource.query<{ idempotency_key: string }[]>(
          `SELECT idempotency_key FROM mail_delivery WHERE idempotency_key = ANY($1::varchar[])`,
          [items.map((i) => i.key)],
        )
      ).map((d) => d.idempotency_key),
    );
    const from = this.config.get('MAIL_FROM');
    const fromAddress = parseFrom(from).address;
    const results = await Promise.allSettled(
      items.map(async ({ key, message }) => {
        if (done.has(key)) return { sent: false };
        const { senderName, inline, ...rest } = message;
        const info = (await this.transporter().sendMail({
          ...rest,
          from: senderName ? { name: senderName, address: fromAddress } : from,
          ...(inline?.length
            ? {
                attachments: inline.map((i) => ({
                  cid: i.cid,
                  filename: i.fileName,
                  contentType: i.contentType,
                  content: i.content,
                  contentDisposition: 'inline' as const,
                })),
              }
            : {}),
        })) as {
          messageId?: string;
        };
        return { sent: true, messageId: info.messageId };
      }),
    );
    const deliveries = items.flatMap(({ key, message }, i) => {
      const result = results[i];
      if (result.status !== 'fulfilled' || !result.value.sent) return [];
      return [
        {
          idempotencyKey: key,
          recipient: message.to,
          subject: message.subject.slice(0, 300),
          messageId: result.value.messageId ?? null,
        },
      ];
    });
    if (deliveries.length)
      await this.dataSource.query(
        `INSERT INTO mail_delivery (idempotency_key, recipient, subject, message_id)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
         ON CONFLICT DO NOTHING`,
        [
          deliveries.map((d) => d.idempotencyKey),
          deliveries.map((d) => d.recipient),
          deliveries.map((d) => d.subject),
          deliveries.map((d) => d.messageId),
        ],
      );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.map((r) => (r as PromiseFulfilledResult<{ sent: boolean }>).value);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
