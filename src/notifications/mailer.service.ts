import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '../core/config/app-config.service';
import { MailDelivery } from './mail-delivery.entity';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `X-Meilenstein-Kind` naming the kind of email for filters and tests. */
  headers?: Record<string, string>;
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
    const repo = this.dataSource.getRepository(MailDelivery);
    if (await repo.exists({ where: { idempotencyKey: key } })) return { sent: false };
    const info = (await this.transporter().sendMail({
      from: this.config.get('MAIL_FROM'),
      ...message,
    })) as { messageId?: string };
    await repo
      .createQueryBuilder()
      .insert()
      .values({
        idempotencyKey: key,
        recipient: message.to,
        subject: message.subject.slice(0, 300),
        messageId: info.messageId ?? null,
      })
      .orIgnore()
      .execute();
    return { sent: true, messageId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
