// A real SMTP server for tests (smtp-server), collecting every message it receives.
import { simpleParser, ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  port: number;
  messages: ParsedMail[];
  /** Waits until `count` messages arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtp(
  options: {
    port?: number;
    /** While it answers true, a message's data is read but never accepted (a server that hangs). */
    hang?: () => boolean;
    onDataStarted?: () => void;
    /**
     * Keep email-verification emails. Off by default: the identity helper verifies sign-ups at
     * once, so whether the worker still sends that email is a race other specs should not count.
     */
    keepVerificationEmails?: boolean;
  } = {},
): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      options.onDataStarted?.();
      if (options.hang?.()) {
        stream.resume();
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const kind = mail.headers.get('x-meilenstein-kind');
          if (options.keepVerificationEmails || kind !== 'VERIFY_EMAIL') messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  // A client that dies mid-message resets its connection; that is expected here, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} emails, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
