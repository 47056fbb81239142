// A grant's money in the browser, in German, for both sides: the team moves money and sees before
// sending whether the move applies at once or waits for the funder — and the outcome matches;
// the funder approves the waiting move with the lines before and after in view; the team stops the
// grant with its final review, the grant shows STOPPED with the returned money and the refund
// claim, and the funder acknowledges and settles; a report asked for in the browser downloads as
// a PDF that parses. Keyboard use of the move form; axe on every page visited.
import '../helpers/web-env';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { createGrant, type GrantFixture } from '../helpers/grants';
import { addMember, type Account } from '../helpers/identity';
import { reviewInput, SAVE_REVIEW, sprintsOf } from '../helpers/sprints';
import { until } from '../helpers/wait';

let system: WebSystem;
let g: GrantFixture;
const shots = process.env.SCREENSHOT_DIR;

/** A field's label exactly, allowing for the asterisk of required fields. */
const exactly = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

beforeAll(async () => {
  system = await startWebSystem();
  g = await createGrant(system.api);
  const db = system.api.app.get(DataSource);
  // German throughout: the funder says "Sie", the team "du".
  await db.query(`UPDATE person SET language = 'de' WHERE id = ANY($1)`, [
    [g.funder.personId, g.manager.personId, g.grantee.personId],
  ]);
  await db.query(`UPDATE organization SET form_of_address = 'DU' WHERE id = $1`, [
    g.grantee.organizationId,
  ]);
}, 150_000);

afterAll(async () => {
  await system?.close();
});

async function signedIn(account: Account): Promise<Page> {
  const { page } = await system.person('de-DE');
  await page.goto('/login');
  await page.getByLabel('E-Mail').fill(account.email);
  await page.getByLabel(exactly('Passwort')).fill(account.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByRole('heading', { level: 1, name: /^Willkommen/ }).waitFor();
  return page;
}

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

const isFocused = (locator: Locator) =>
  locator.evaluate(
    (el) =>
      el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement,
  );

async function latestReallocation() {
  const res = await g.grantee.gql(
    `query($id: ID!) { reallocations(grantId: $id, first: 1) { nodes { id status } } }`,
    { id: g.grantId },
  );
  return res.data.reallocations.nodes[0] as { id: string; status: string };
}

const OUTCOME_OF_STATUS: Record<string, string> = {
  APPLIED: 'APPLIES_AT_ONCE',
  PENDING: 'NEEDS_FUNDER_DECISION',
};

let grantee: Page;
let manager: Page;

test('a move within the tolerance applies at once; the verdict before sending said so (keyboard only)', async () => {
  grantee = await signedIn(g.grantee);
  await grantee.goto(`/grants/${g.grantId}/budget`);
  await grantee.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
  await grantee.getByTestId('budget-lines').waitFor();
  await expectAccessible(grantee, 'budget page (team)');
  // On a phone the tables scroll sideways: each scrolling table can be reached and scrolled by
  // keyboard (axe's scrollable-region-focusable), not only by a pointer.
  const desktop = grantee.viewportSize()!;
  await grantee.setViewportSize({ width: 390, height: 844 });
  const lines = grantee.getByTestId('budget-lines');
  const viewport = lines.locator("xpath=ancestor::div[contains(@class,'ScrollArea-viewport')][1]");
  expect(await viewport.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expectAccessible(grantee, 'budget page on a narrow screen');
  await viewport.focus();
  await grantee.keyboard.press('ArrowRight');
  await until(
    async () => (await viewport.evaluate((el) => el.scrollLeft)) > 0,
    'the budget table to scroll by keyboard',
  );
  await grantee.setViewportSize(desktop);

  const form = grantee.getByRole('form', { name: 'Geld umschichten' });
  const from = form.getByLabel(exactly('Von Zeile'));
  const to = form.getByLabel(exactly('Auf Zeile'));
  const amount = form.getByLabel(exactly('Betrag'));
  const reason = form.getByLabel(exactly('Begründung'));
  await from.focus();
  await grantee.keyboard.press('ArrowDown'); // Entwicklung
  await grantee.keyboard.press('Tab');
  expect(await isFocused(to)).toBe(true);
  await grantee.keyboard.press('ArrowDown');
  await grantee.keyboard.press('ArrowDown'); // Sachkosten 1
  await grantee.keyboard.press('Tab');
  expect(await isFocused(amount)).toBe(true);
  await grantee.keyboard.type('6.000,00');
  expect(await from.inputValue()).toBe(g.lineIds[0]);
  expect(await to.inputValue()).toBe(g.lineIds[1]);

  // 30.000 € + 6.000 € is exactly the 20 % the tolerance allows.
  const verdict = form.getByTestId('reallocation-verdict');
  await form.locator('[data-outcome="APPLIES_AT_ONCE"]').waitFor();
  await verdict.getByText('Gilt sofort').waitFor();
  await verdict.getByText(/sobald du sie absendest/).waitFor();
  await shot(grantee, 'budget-verdict-at-once');
  await expectAccessible(grantee, 'budget page with the verdict');

  await grantee.keyboard.press('Tab');
  expect(await isFocused(reason)).toBe(true);
  await grantee.keyboard.type('Die Nutzerinterviews brauchen mehr Sachmittel.');
  await grantee.keyboard.press('Tab');
  const submit = form.getByRole('button', { name: 'Geld umschichten' });
  expect(await isFocused(submit)).toBe(true);
  await grantee.keyboard.press('Enter');
  await grantee.getByText('Das Geld wurde umgeschichtet.').waitFor();

  const moved = await latestReallocation();
  expect(OUTCOME_OF_STATUS[moved.status]).toBe('APPLIES_AT_ONCE');
  await grantee
    .getByTestId('reallocation-history')
    .locator(`[data-reallocation="${moved.id}"][data-status="APPLIED"]`)
    .waitFor();
  await grantee
    .getByTestId('budget-lines')
    .locator(`[data-line="${g.lineIds[1]}"] [data-allocated="3600000"]`)
    .waitFor();
  expect(await amount.inputValue()).toBe('');
}, 150_000);

test('a move beyond the tolerance waits, and the funder approves it seeing the lines before and after', async () => {
  const form = grantee.getByRole('form', { name: 'Geld umschichten' });
  await form.getByLabel(exactly('Von Zeile')).selectOption({ label: 'Entwicklung' });
  await form.getByLabel(exactly('Auf Zeile')).selectOption({ label: 'Sachkosten 2' });
  await form.getByLabel(exactly('Betrag')).fill('5.000,00');
  await form.locator('[data-outcome="NEEDS_FUNDER_DECISION"]').waitFor();
  await form.getByText('Braucht die Entscheidung der Förderorganisation').waitFor();
  await form.getByLabel(exactly('Begründung')).fill('Der Workshop im Stadtteil wird größer.');
  await shot(grantee, 'budget-verdict-funder');
  await expectAccessible(grantee, 'budget page, move beyond the tolerance');
  await form.getByRole('button', { name: 'Förderorganisation fragen' }).click();
  await grantee.getByText('Die Anfrage ging an die Förderorganisation.').waitFor();
  const waiting = await latestReallocation();
  expect(OUTCOME_OF_STATUS[waiting.status]).toBe('NEEDS_FUNDER_DECISION');
  await grantee.getByTestId('pending-reallocation').waitFor();

  manager = await signedIn(g.manager);
  await manager.goto(`/grants/${g.grantId}/budget`);
  const pending = manager.getByTestId('pending-reallocation');
  await pending.waitFor();
  const cells = async (name: string) => {
    const row = pending.getByRole('row', { name: new RegExp(`^${name}`) });
    await row.waitFor();
    return (await row.getByRole('cell').allInnerTexts()).map((c) => c.replace(/\s/g, ' '));
  };
  // Planned, now, after the move, against the plan. Entwicklung gave 6.000 € already.
  expect(await cells('Entwicklung')).toEqual([
    '50.000,00 €',
    '44.000,00 €',
    '39.000,00 €',
    '-22,0 %',
  ]);
  expect(await cells('Sachkosten 2')).toEqual([
    '20.000,00 €',
    '20.000,00 €',
    '25.000,00 €',
    '+25,0 %',
  ]);
  await shot(manager, 'budget-funder-decision');
  await expectAccessible(manager, 'budget page (funder, decision)');
  await pending.getByRole('button', { name: 'Genehmigen' }).click();
  await manager.getByText('Genehmigt: Das Geld wurde umgeschichtet.').waitFor();
  await manager.getByText('Keine Umschichtung wartet auf eine Entscheidung.').waitFor();
  expect((await latestReallocation()).status).toBe('APPLIED');
  await manager
    .getByTestId('budget-lines')
    .locator(`[data-line="${g.lineIds[2]}"] [data-allocated="2500000"]`)
    .waitFor();
}, 150_000);

test('the team stops with its final review; the grant shows STOPPED, the returned money and the claim; the funder acknowledges', async () => {
  // The final review is written in the review editor; here it is saved through the API.
  const [sprint] = await sprintsOf(g.grantee, g.grantId);
  const saved = await g.grantee.gql(SAVE_REVIEW, {
    input: reviewInput(sprint!, {
      nextSprint: null,
      spend: [{ lineId: g.lineIds[0], amount: 10_000_00 }],
    }),
  });
  expect(saved.errors).toBeUndefined();

  await grantee.goto(`/grants/${g.grantId}/notices/new`);
  await grantee.getByRole('heading', { level: 1, name: 'Änderung mitteilen' }).waitFor();
  await expectAccessible(grantee, 'new change notice');
  await grantee.getByRole('radio', { name: 'Förderung beenden' }).check();
  const explained = grantee.getByTestId('stop-explained');
  await explained.getByText('Was beim Beenden geschieht').waitFor();
  await explained.getByText(/Es enthält bisher 1 Erkenntnis\./).waitFor();
  await explained.getByText(/gehen an das Programm zurück/).waitFor();
  // 30.000 € paid at award, 10.000 € spent in the final review: 20.000 € will be claimed back.
  await explained.getByText(/der Rest, 20\.000,00\s€, wird zurückgefordert/).waitFor();
  await grantee
    .getByLabel(exactly('Warum du aufhörst'))
    .fill('Der Bezirk hat die Räume gekündigt; ohne sie erreichen wir niemanden.');
  await shot(grantee, 'stop-explained');
  await expectAccessible(grantee, 'stop flow');
  await grantee.getByRole('button', { name: 'Förderung beenden' }).click();
  const dialog = grantee.getByRole('dialog', { name: 'Die Förderung jetzt beenden?' });
  await expectAccessible(grantee, 'stop confirmation');
  await dialog.getByRole('button', { name: 'Förderung beenden' }).click();
  await grantee.getByRole('heading', { level: 1, name: 'Änderungsmitteilung' }).waitFor();

  const api = await g.funder.gql(
    `query($id: ID!) { grant(grantId: $id) { status settlement { returned { amount } claimed { amount } }
       refundClaim { status amount { amount } } } }`,
    { id: g.grantId },
  );
  const { status, settlement, refundClaim } = api.data.grant;
  expect(status).toBe('STOPPED');
  expect(settlement.claimed.amount).toBeGreaterThan(0);
  expect(settlement.returned.amount).toBeGreaterThan(0);
  expect(refundClaim).toMatchObject({ status: 'OPEN', amount: settlement.claimed });

  const figure = (page: Page, key: string) =>
    page.getByTestId('settlement').locator(`[data-figure="${key}"]`).getAttribute('data-minor');
  await grantee.getByTestId('settlement').waitFor();
  expect(Number(await figure(grantee, 'returned'))).toBe(settlement.returned.amount);
  expect(Number(await figure(grantee, 'claimed'))).toBe(settlement.claimed.amount);
  await shot(grantee, 'stop-notice');
  await expectAccessible(grantee, 'stop notice (team)');

  await grantee.goto(`/grants/${g.grantId}/budget`);
  const badge = grantee.locator('[data-testid="grant-status"][data-status="STOPPED"]');
  await badge.waitFor();
  // The same word for a stopped grant as in the grants list and on the grant's overview.
  expect(await badge.innerText()).toMatch(/^vorzeitig beendet$/i);
  expect(Number(await figure(grantee, 'returned'))).toBe(settlement.returned.amount);
  expect(Number(await figure(grantee, 'claimed'))).toBe(settlement.claimed.amount);
  await shot(grantee, 'budget-stopped');
  await expectAccessible(grantee, 'budget page after the stop');

  // The funder reads the notice and acknowledges it, then settles the refund claim.
  await manager.goto(`/grants/${g.grantId}/notices`);
  await manager.getByRole('link', { name: 'Förderung beenden' }).click();
  await manager.getByRole('heading', { level: 1, name: 'Änderungsmitteilung' }).waitFor();
  await expectAccessible(manager, 'stop notice (funder)');
  await manager.getByRole('button', { name: 'Zur Kenntnis nehmen' }).click();
  await manager.getByTestId('notice-status').getByText('zur Kenntnis genommen').waitFor();
  await manager.getByRole('button', { name: 'Geld ist zurück: begleichen' }).click();
  await manager.getByTestId('refund-claim-status').getByText('beglichen').waitFor();
  await shot(manager, 'stop-notice-funder');
  await expectAccessible(manager, 'stop notice after the answer');
  const after = await g.funder.gql(
    `query($id: ID!) { grant(grantId: $id) { refundClaim { status } changeNotices(first: 10) { nodes { kind status } } } }`,
    { id: g.grantId },
  );
  expect(after.data.grant.refundClaim.status).toBe('SETTLED');
  expect(after.data.grant.changeNotices.nodes).toEqual([{ kind: 'STOP', status: 'ACKNOWLEDGED' }]);
}, 150_000);

test('a report asked for in the browser goes from waiting to ready and downloads as a valid PDF', async () => {
  await manager.goto(`/reports?grantId=${g.grantId}`);
  await manager.getByRole('heading', { level: 1, name: 'Berichte' }).waitFor();
  await expectAccessible(manager, 'reports');
  const form = manager.getByRole('form', { name: 'Bericht anfordern' });
  expect(await form.getByRole('radio', { name: 'Förderbericht' }).isChecked()).toBe(true);
  expect(await form.getByLabel(exactly('Förderung')).inputValue()).toBe(g.grantId);
  await form.getByRole('radio', { name: 'PDF-Dokument' }).check();
  await form.getByRole('button', { name: 'Bericht anfordern' }).click();
  await manager.getByRole('heading', { level: 1, name: /^Bericht: / }).waitFor();
  await manager.getByText('fertig', { exact: true }).waitFor({ timeout: 60_000 });
  await shot(manager, 'report-ready');
  await expectAccessible(manager, 'report page');
  const [download] = await Promise.all([
    manager.waitForEvent('download'),
    manager.getByRole('button', { name: 'Herunterladen' }).click(),
  ]);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(parsePdf(pdf).pages).toBeGreaterThan(0);
}, 150_000);

test('finance releases a scheduled tranche once; the holdback waits for the final review, as the API says', async () => {
  const t = await createGrant(system.api);
  const finance = await addMember(system.api, t.funder, 'FINANCE');
  await system.api.app
    .get(DataSource)
    .query(`UPDATE person SET language = 'de' WHERE id = $1`, [finance.personId]);
  const page = await signedIn(finance);
  await page.goto(`/grants/${t.grantId}/tranches`);
  await page.getByRole('heading', { level: 1, name: 'Tranchen' }).waitFor();
  await expectAccessible(page, 'tranches (finance)');
  const sprintTranche = t.tranches.find((tr) => tr.kind === 'SPRINT' && tr.status === 'SCHEDULED')!;
  const holdback = t.tranches.find((tr) => tr.kind === 'HOLDBACK')!;
  const row = (id: string) => page.getByTestId('tranches').locator(`[data-tranche="${id}"]`);

  await row(sprintTranche.id)
    .getByRole('button', { name: /^Tranche \d+ auszahlen/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Diese Tranche auszahlen?' });
  await expectAccessible(page, 'tranche release confirmation');
  await dialog.getByRole('button', { name: 'Auszahlen' }).click();
  await page.locator(`[data-tranche="${sprintTranche.id}"][data-status="RELEASED"]`).waitFor();
  // Released once: the button is gone.
  expect(await row(sprintTranche.id).getByRole('button').count()).toBe(0);

  await row(holdback.id)
    .getByRole('button', { name: /^Tranche \d+ auszahlen/ })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Auszahlen' }).click();
  await row(holdback.id)
    .getByTestId('release-refused')
    .getByText('Der Einbehalt wird ausgezahlt, wenn das letzte Sprint-Review angenommen ist.')
    .waitFor();
  await shot(page, 'tranches-holdback-refused');
  await expectAccessible(page, 'tranches with a refusal');
  const tranches = await t.funder.gql(
    `query($id: ID!) { grant(grantId: $id) { tranches { id status } } }`,
    { id: t.grantId },
  );
  const status = (id: string) =>
    tranches.data.grant.tranches.find((tr: { id: string }) => tr.id === id).status;
  expect(status(sprintTranche.id)).toBe('RELEASED');
  expect(status(holdback.id)).toBe('SCHEDULED');
}, 150_000);

/**
 * Reads a PDF's structure as a reader does: `startxref` points at the cross-reference table, each
 * object in use starts where the table says, the trailer's root is the catalogue, its page tree
 * counts the pages, and every stream inflates.
 */
function parsePdf(pdf: Buffer): { pages: number; objects: number } {
  const raw = pdf.toString('latin1');
  expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1]);
  expect(raw.startsWith('xref', startxref)).toBe(true);
  const table = /^xref\s+(\d+)\s+(\d+)\s+/.exec(raw.slice(startxref))!;
  const [first, count] = [Number(table[1]), Number(table[2])];
  const entries = raw
    .slice(startxref + table[0].length)
    .split(/\r?\n/)
    .slice(0, count);
  const offsets = new Map<number, number>();
  entries.forEach((entry, i) => {
    const [offset, , kind] = entry.trim().split(/\s+/);
    if (kind === 'n') offsets.set(first + i, Number(offset));
  });
  const body = (n: number) => {
    const at = offsets.get(n);
    expect(at).toBeDefined();
    expect(raw.startsWith(`${n} 0 obj`, at)).toBe(true);
    return raw.slice(at, raw.indexOf('endobj', at));
  };
  for (const n of offsets.keys()) {
    const object = body(n);
    const stream = /stream\r?\n/.exec(object);
    if (stream && /\/FlateDecode/.test(object)) {
      const start = offsets.get(n)! + stream.index + stream[0].length;
      const length = Number(/\/Length (\d+)/.exec(object)?.[1]);
      expect(() => inflateSync(pdf.subarray(start, start + length))).not.toThrow();
    }
  }
  const trailer = raw.slice(raw.indexOf('trailer', startxref));
  expect(Number(/\/Size (\d+)/.exec(trailer)?.[1])).toBe(first + count);
  const root = Number(/\/Root (\d+) 0 R/.exec(trailer)?.[1]);
  const catalog = body(root);
  expect(catalog).toMatch(/\/Type\s*\/Catalog/);
  const pages = body(Number(/\/Pages (\d+) 0 R/.exec(catalog)?.[1]));
  expect(pages).toMatch(/\/Type\s*\/Pages/);
  return { pages: Number(/\/Count (\d+)/.exec(pages)?.[1]), objects: offsets.size };
}
