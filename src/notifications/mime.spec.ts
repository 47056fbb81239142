import { simpleParser } from 'mailparser';
import { composable, composeMime, headerText, MimeMessage } from './mime';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const message = (over: Partial<MimeMessage> = {}): MimeMessage => ({
  from: { name: 'Stiftung Zukunft über Meilenstein', address: 'no-reply@meilenstein.example' },
  to: 'ada@example.org',
  subject: 'Umschichtung wartet: 2.000,00 € bei „Quartier – Küche für alle“',
  text: 'Guten Tag Ada Lovelace,\n\nbitte entscheiden Sie.\n\nhttps://app.example/grants/1',
  html: '<!doctype html><html lang="de"><body><p>Guten Tag Ada Lovelace,</p><p>bitte <b>entscheiden</b> Sie.</p></body></html>',
  headers: { 'X-Meilenstein-Kind': 'REALLOCATION_WAITING' },
  ...over,
});

describe('composeMime', () => {
  it('writes what a mail reader reads back unchanged: sender, subject, text, HTML, headers', async () => {
    const { source, messageId } = composeMime(message());
    const mail = await simpleParser(source);
    expect(mail.from?.value).toEqual([
      { name: 'Stiftung Zukunft über Meilenstein', address: 'no-reply@meilenstein.example' },
    ]);
    expect((mail.to as { text: string }).text).toBe('ada@example.org');
    expect(mail.subject).toBe(message().subject);
    expect(mail.text?.replace(/\r\n/g, '\n').trim()).toBe(message().text);
    expect(mail.html).toBe(message().html);
    expect(mail.headers.get('x-meilenstein-kind')).toBe('REALLOCATION_WAITING');
    expect(mail.messageId).toBe(messageId);
    expect(mail.date).toBeInstanceOf(Date);
    expect(mail.attachments).toHaveLength(0);
    // Lines stay within the limit and every line ends in CRLF.
    expect(source.split('\r\n').every((line) => line.length <= 998 && !line.includes('\n'))).toBe(
      true,
    );
  });

  it('attaches inline images to the HTML under their content id', async () => {
    const { source } = composeMime(
      message({
        html: '<p><img src="cid:funder-logo@meilenstein"></p>',
        inline: [
          {
            cid: 'funder-logo@meilenstein',
            fileName: 'logo.png',
            contentType: 'image/png',
            content: PNG,
          },
        ],
      }),
    );
    const mail = await simpleParser(source);
    expect(mail.attachments.map((a) => [a.cid, a.contentType, a.filename])).toEqual([
      ['funder-logo@meilenstein', 'image/png', 'logo.png'],
    ]);
    expect(mail.attachments[0].content.equals(PNG)).toBe(true);
    expect(mail.text?.trim()).toContain('Guten Tag');
  });

  it('cannot be made to start a header by a line break in a text', async () => {
    const { source } = composeMime(
      message({
        subject: 'Hello\r\nBcc: eve@example.org',
        from: { name: 'A\nB', address: 'a@b.example' },
      }),
    );
    expect(source).not.toMatch(/^Bcc:/m);
    const mail = await simpleParser(source);
    expect(mail.bcc).toBeUndefined();
    expect(mail.subject).toBe('Hello\r\nBcc: eve@example.org');
  });

  it('splits long header texts into encoded words without cutting a character', () => {
    const long = 'Ä'.repeat(100);
    const words = headerText(long).split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    expect(words.every((w) => w.length <= 75)).toBe(true);
    expect(
      words
        .map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1], 'base64').toString())
        .join(''),
    ).toBe(long);
    expect(headerText('Plain subject')).toBe('Plain subject');
  });

  it('leaves addresses that are not plain ASCII to nodemailer', () => {
    expect(composable(message())).toBe(true);
    expect(composable(message({ to: 'jürgen@beispiel.de' }))).toBe(false);
    expect(composable(message({ to: 'a@bücher.example' }))).toBe(false);
    expect(composable(message({ to: 'a@b.example, c@d.example' }))).toBe(false);
    expect(composable(message({ to: 'A <a@b.example>' }))).toBe(false);
  });
});
