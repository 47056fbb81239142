// The MIME source of the emails Meilenstein sends, written directly. nodemailer's composer builds
// each email through a chain of streams (headers, one encoder per part); for a fan-out of hundreds
// of emails that was more than half of the worker's CPU per email, while handing nodemailer the
// finished source costs a fraction. The shape is the composer's: text and HTML as alternatives,
// the HTML with its inline images in a multipart/related part; bodies in base64, header texts
// outside printable ASCII as RFC 2047 encoded words. Addresses that are not plain ASCII (an
// internationalised domain or mailbox) are left to nodemailer, which knows their encodings.
import { randomBytes } from 'node:crypto';

export interface MimeMessage {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  inline?: { cid: string; fileName: string; contentType: string; content: Buffer }[];
}

/** A plain ASCII address without spaces, quotes or brackets: written as it is. */
const PLAIN_ADDRESS =
  /^[!#-'*+\-/-9=?A-Z^-~]+(\.[!#-'*+\-/-9=?A-Z^-~]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
const HEADER_NAME = /^[!-9;-~]+$/;

/** Whether `composeMime` can write this message (else nodemailer's composer does). */
export function composable(message: MimeMessage): boolean {
  return (
    PLAIN_ADDRESS.test(message.to) &&
    PLAIN_ADDRESS.test(message.from.address) &&
    Object.keys(message.headers ?? {}).every((name) => HEADER_NAME.test(name)) &&
    (message.inline ?? []).every((i) => PRINTABLE.test(i.cid) && PRINTABLE.test(i.contentType))
  );
}

/**
 * A header text: as it is when it is short printable ASCII, else as encoded words (base64 of
 * UTF-8, at most 45 bytes each, never splitting a character), folded one word per line. Line
 * breaks in the text can therefore never start another header.
 */
export function headerText(value: string): string {
  if (PRINTABLE.test(value) && value.length <= 76) return value;
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char);
    if (bytes + size > 45) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\r\n ');
}

/** `"Name" <address>`, the name quoted or encoded. */
function mailbox(name: string, address: string): string {
  if (!name) return address;
  const display =
    PRINTABLE.test(name) && name.length <= 60
      ? `"${name.replace(/["\\]/g, '\\$&')}"`
      : headerText(name);
  return `${display} <${address}>`;
}

/** Base64 in lines of 76 characters. */
function base64(content: Buffer | string): string {
  const encoded = (typeof content === 'string' ? Buffer.from(content) : content).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join('\r\n');
}

function boundary(): string {
  return `--_ms_${randomBytes(12).toString('hex')}`;
}

function multipart(type: string, parts: string[]): string {
  const b = boundary();
  return [
    `Content-Type: multipart/${type}; boundary="${b}"`,
    '',
    ...parts.map((part) => `--${b}\r\n${part}`),
    `--${b}--`,
    '',
  ].join('\r\n');
}

function textPart(type: string, body: string): string {
  return [
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    // Text bodies use CRLF line ends (RFC 2046), as the composer's encoders write them.
    base64(body.replace(/\r?\n/g, '\r\n')),
    '',
  ].join('\r\n');
}

/** The email's source and its Message-ID (with angle brackets). */
export function composeMime(
  message: MimeMessage,
  date = new Date(),
): {
  source: string;
  messageId: string;
} {
  const domain = message.from.address.split('@')[1];
  const messageId = `<${randomBytes(16).toString('hex')}@${domain}>`;
  const text = textPart('text/plain', message.text);
  let html = textPart('text/html', message.html);
  if (message.inline?.length)
    html = multipart('related', [
      html,
      ...message.inline.map((i) =>
        [
          `Content-Type: ${i.contentType}; name="${i.fileName.replace(/[^\w.-]/g, '_')}"`,
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: inline; filename="${i.fileName.replace(/[^\w.-]/g, '_')}"`,
          `Content-ID: <${i.cid}>`,
          '',
          base64(i.content),
          '',
        ].join('\r\n'),
      ),
    ]);
  const headers = [
    `From: ${mailbox(message.from.name, message.from.address)}`,
    `To: ${message.to}`,
    `Subject: ${headerText(message.subject)}`,
    `Message-ID: ${messageId}`,
    `Date: ${date.toUTCString().replace(/GMT/, '+0000')}`,
    'MIME-Version: 1.0',
    ...Object.entries(message.headers ?? {}).map(
      ([name, value]) => `${name}: ${headerText(value)}`,
    ),
  ];
  return {
    source: `${headers.join('\r\n')}\r\n${multipart('alternative', [text, html])}`,
    messageId,
  };
}
