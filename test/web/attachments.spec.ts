// Attachments in the browser: the team attaches a receipt PDF to a spend entry on the budget page
// with the keyboard and the file picker, downloads it again, and a disguised file (text named
// .pdf) and a too-large one are refused with words a person can act on; the funder reads and
// downloads the receipt, and uploads the organisation's logo and sees it. axe on every page.
import '../helpers/web-env';
import { storageDir as storage } from '../helpers/attachments-env';
import { readFileSync, rmSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { createGrant, type GrantFixture } from '../helpers/grants';
import type { Account } from '../helpers/identity';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const DISGUISED = Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode\n');

/** A real 2×2 PNG (a browser must be able to draw it). */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const row = Buffer.from([0, 0x1c, 0x7e, 0xd6, 0xff, 0xf5, 0x9f, 0x00, 0xff]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let system: WebSystem;
let g: GrantFixture;
let entryId: string;

beforeAll(async () => {
  system = await startWebSystem({ STORAGE_DIR: storage });
  g = await createGrant(system.api);
  const spend = await g.grantee.gql(
    `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`,
    {
      i: {
        grantId: g.grantId,
        lineId: g.lineIds[0],
        amount: { amount: 1_200_00, currency: 'EUR' },
        spentOn: '2026-11-20',
        note: 'Laptop for the developer',
        receiptReference: 'RE-2026-17',
      },
    },
  );
  expect(spend.errors).toBeUndefined();
  entryId = spend.data.reportSpend.id;
}, 150_000);

afterAll(async () => {
  await system?.close();
  rmSync(storage, { recursive: true, force: true });
});

async function signedIn(account: Account): Promise<Page> {
  const { page } = await system.person('en-GB');
  // File choosers are caught from the start, so the one a key press opens is never missed.
  page.on('filechooser', () => undefined);
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(/^Password( \*)?$/).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  return page;
}

const isFocused = (locator: Locator) =>
  locator.evaluate(
    (el) =>
      el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement,
  );

const attachmentRows = async () =>
  Number(
    (
      await system.api.app
        .get(DataSource)
        .query(`SELECT count(*) AS n FROM attachment WHERE parent_id = $1`, [entryId])
    )[0].n as string,
  );

async function downloaded(page: Page, link: Locator): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return readFileSync((await download.path())!);
}

let grantee: Page;

test('the team attaches a receipt PDF to a spend entry by keyboard and file picker, and downloads it', async () => {
  grantee = await signedIn(g.grantee);
  await grantee.goto(`/grants/${g.grantId}/budget`);
  await grantee.getByRole('heading', { level: 2, name: 'Spend entries and receipts' }).waitFor();
  const row = grantee.locator(`[data-spend-entry="${entryId}"]`);
  await row.getByText('Laptop for the developer').waitFor();
  await row.getByText('RE-2026-17').waitFor();
  await row.getByText('none yet').waitFor();
  await expectAccessible(grantee, 'budget page with spend entries (team)');

  // The picker opens from the keyboard: focus the button, press Enter.
  const choose = row.getByRole('button', { name: /^Choose file – Receipts for Laptop/ });
  await choose.focus();
  expect(await isFocused(choose)).toBe(true);
  const [chooser] = await Promise.all([
    grantee.waitForEvent('filechooser'),
    grantee.keyboard.press('Enter'),
  ]);
  await chooser.setFiles({ name: 'Rechnung 17.pdf', mimeType: 'application/pdf', buffer: PDF });
  const link = row.getByRole('button', { name: 'Download Rechnung 17.pdf' });
  await link.waitFor();
  await row.getByText(/^PDF · /).waitFor();
  expect(await attachmentRows()).toBe(1);
  expect(await downloaded(grantee, link)).toEqual(PDF);
  await expectAccessible(grantee, 'budget page with a receipt');
});

test('a disguised file and a too-large one are refused with a readable message, nothing stored', async () => {
  const row = grantee.locator(`[data-spend-entry="${entryId}"]`);
  const input = row.getByTestId('attachment-input');
  await input.setInputFiles({
    name: 'receipt.pdf',
    mimeType: 'application/pdf',
    buffer: DISGUISED,
  });
  const alert = row.getByRole('alert');
  await alert
    .getByText(
      'receipt.pdf was not attached. Its content is not a PDF, PNG, JPEG or WebP file, whatever its name says.',
    )
    .waitFor();
  await expectAccessible(grantee, 'budget page with a refused upload');

  await input.setInputFiles({
    name: 'scan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([PDF, Buffer.alloc(70_000, 0x20)]),
  });
  await alert.getByText(/^scan\.pdf/).waitFor();
  expect(await alert.textContent()).toBe(
    'scan.pdf was not attached. The file is too large: at most 66 kB.',
  );
  expect(await attachmentRows()).toBe(1);
});

test('the funder reads and downloads the receipt, but cannot attach one', async () => {
  const funder = await signedIn(g.funder);
  await funder.goto(`/grants/${g.grantId}/budget`);
  const row = funder.locator(`[data-spend-entry="${entryId}"]`);
  const link = row.getByRole('button', { name: 'Download Rechnung 17.pdf' });
  await link.waitFor();
  expect(await row.getByRole('button', { name: /^Choose file/ }).count()).toBe(0);
  expect(await downloaded(funder, link)).toEqual(PDF);
  await expectAccessible(funder, 'budget page (funder)');
});

test('the funder uploads the organisation logo and sees it', async () => {
  const funder = await signedIn(g.funder);
  await funder.goto('/settings/organization');
  await funder.getByRole('heading', { level: 2, name: 'Logo' }).waitFor();
  await funder.getByText('No logo uploaded yet.').waitFor();
  await expectAccessible(funder, 'organisation settings without a logo');

  const choose = funder.getByRole('button', { name: /^Choose logo/ });
  await choose.focus();
  const [chooser] = await Promise.all([
    funder.waitForEvent('filechooser'),
    funder.keyboard.press('Enter'),
  ]);
  await chooser.setFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png() });
  const preview = funder.getByRole('img', { name: /^Logo of / });
  await preview.waitFor();
  await funder.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid="logo-preview"]');
    return img !== null && img.complete && img.naturalWidth === 2;
  });
  await funder.getByRole('button', { name: 'Download logo.png' }).waitFor();
  await expectAccessible(funder, 'organisation settings with a logo');
});
