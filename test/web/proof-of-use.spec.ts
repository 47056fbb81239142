// The proof of use in a real browser, the grantee team and the funder's programme manager each in
// their own browser: the team starts an interim proof of use for a period, writes the closing
// statement and submits it with the keyboard; the manager opens it from the email, sees the
// compiled statement and the list of receipts with the receipt's link, and asks for changes; the
// team sees the comment, revises and submits again; the manager accepts and asks for the PDF.
// axe checks every page visited.
import '../helpers/web-env';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { expectAccessible, startWebSystem, type WebSystem } from '../helpers/browser';
import { createGrant, type GrantFixture } from '../helpers/grants';
import type { Account } from '../helpers/identity';

let system: WebSystem;

beforeAll(async () => {
  system = await startWebSystem();
}, 60_000);

afterAll(async () => {
  await system?.close();
});

async function logIn(account: Account): Promise<Page> {
  const { page } = await system.person('en-GB');
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel(/^Password( \*)?$/).fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
  return page;
}

describe('the proof of use in the browser', () => {
  let g: GrantFixture;
  let today: string;
  let team: Page;
  let funder: Page;
  let proofPath: string;
  /** Waits for the status badge to say `text` (after the page refetched). */
  const statusIs = (page: Page, text: string) =>
    page.getByTestId('status').getByText(text, { exact: true }).waitFor();

  beforeAll(async () => {
    g = await createGrant(system.api);
    // Both read English here (the German texts are checked by the catalogue tests).
    await system.api.app
      .get(DataSource)
      .query(`UPDATE person SET language = 'en' WHERE id = ANY($1)`, [
        [g.grantee.personId, g.manager.personId],
      ]);
    const grant = await g.grantee.gql(`query($id: ID!) { grant(grantId: $id) { startDate } }`, {
      id: g.grantId,
    });
    today = grant.data.grant.startDate;
    // One spend entry of the period, with its invoice attached.
    const spend = await g.grantee.gql(
      `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`,
      {
        i: {
          grantId: g.grantId,
          lineId: g.lineIds[0],
          amount: { amount: 1_234_50, currency: 'EUR' },
          spentOn: today,
          note: 'Workshop room',
          receiptReference: 'RE-2026-7',
        },
      },
    );
    expect(spend.errors).toBeUndefined();
    const uploaded = await fetch(
      `${system.api.url}/attachments/SPEND_ENTRY/${spend.data.reportSpend.id}?fileName=invoice-7.pdf`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${g.grantee.accessToken}` },
        body: Buffer.from('%PDF-1.4\n% invoice\n%%EOF\n'),
      },
    );
    expect(uploaded.status).toBe(201);
    // And one a sprint review reported: it has no words of a person, so the page names its origin.
    await system.api.app.get(DataSource).query(
      `INSERT INTO spend_entry (grant_id, line_id, review_id, amount_minor, currency, spent_on, note)
       VALUES ($1, $2, gen_random_uuid(), 100, 'EUR', $3, '')`,
      [g.grantId, g.lineIds[0], today],
    );
    team = await logIn(g.grantee);
    funder = await logIn(g.manager);
  }, 60_000);

  test('the team starts an interim proof of use and submits its statement with the keyboard', async () => {
    await team.goto(`/grants/${g.grantId}/proof-of-use`);
    await team.getByRole('heading', { level: 1, name: 'Proof of use' }).waitFor();
    await team.getByText('No proof of use yet.').waitFor();
    await expectAccessible(team, 'proofs of use (empty)');

    await team.getByLabel(/^First day/).fill(today);
    await team.getByLabel(/^Last day/).fill(today);
    await team.getByRole('button', { name: 'Start interim proof' }).focus();
    await team.keyboard.press('Enter');
    await team.getByRole('heading', { level: 1, name: /^Interim proof of use: / }).waitFor();
    proofPath = new URL(team.url()).pathname;
    expect(proofPath).toMatch(new RegExp(`^/grants/${g.grantId}/proof-of-use/[\\w-]+$`));
    await statusIs(team, 'draft');
    // The compiled preview: the line's spend and the receipt with its file.
    const receipts = team.getByTestId('receipts');
    await receipts.getByText('Workshop room').waitFor();
    await receipts.getByText('From the sprint review').waitFor();
    await receipts.getByRole('button', { name: 'Open receipt invoice-7.pdf' }).waitFor();
    // The line's spend: the invoice and the €1.00 the review reported.
    await team.getByTestId('financial-statement').getByText('€1,235.50').first().waitFor();
    await expectAccessible(team, 'proof of use (draft)');

    // Submitting without a statement is refused with the API's words; nothing changes.
    await team.getByRole('button', { name: 'Submit to the funder' }).click();
    await team.getByRole('alert').filter({ hasText: 'closing statement' }).waitFor();
    await statusIs(team, 'draft');

    await team.getByLabel('Closing statement (Sachbericht)').focus();
    await team.keyboard.type('We ran 12 workshops with 140 neighbours.');
    await team.keyboard.press('Tab'); // to "Save statement"
    await team.keyboard.press('Tab'); // to "Submit to the funder"
    await team.keyboard.press('Enter');
    await team.getByText('Proof of use submitted.').waitFor();
    await statusIs(team, 'submitted');
    await team.getByTestId('statement').getByText('We ran 12 workshops').waitFor();
  });

  test('the funder opens it from the email and asks for changes; the team revises and submits again', async () => {
    const link = await system.linkFor(g.manager.email, proofPath);
    await funder.goto(link);
    await funder.getByRole('heading', { level: 1, name: /^Interim proof of use: / }).waitFor();
    await funder.getByTestId('statement').getByText('We ran 12 workshops').waitFor();
    await funder.getByRole('button', { name: 'Open receipt invoice-7.pdf' }).waitFor();
    await expectAccessible(funder, 'proof of use (funder, submitted)');

    // Asking for changes needs a comment.
    await funder.getByRole('button', { name: 'Ask for changes' }).click();
    await funder.getByText('Please say what should change.').waitFor();
    await funder.getByLabel('Comment for the team').focus();
    await funder.keyboard.type('Please say how many neighbours came back.');
    await funder.getByRole('button', { name: 'Ask for changes' }).focus();
    await funder.keyboard.press('Enter');
    await funder.getByText('Sent back to the team.').waitFor();
    await statusIs(funder, 'changes requested');

    await team.reload();
    await team
      .getByTestId('changes-requested')
      .getByText('Please say how many neighbours came back.')
      .waitFor();
    await expectAccessible(team, 'proof of use (changes requested)');
    const editor = team.getByLabel('Closing statement (Sachbericht)');
    await editor.focus();
    await team.keyboard.press('End');
    await team.keyboard.type(' 60 of them came back.');
    await team.getByRole('button', { name: 'Submit to the funder' }).focus();
    await team.keyboard.press('Enter');
    await team.getByText('Proof of use submitted.').waitFor();
    await statusIs(team, 'submitted');
  });

  test('the funder accepts it and asks for its PDF', async () => {
    await funder.reload();
    await funder.getByTestId('statement').getByText('60 of them came back.').waitFor();
    await funder.getByRole('button', { name: 'Accept' }).click();
    await funder.getByText('Proof of use accepted.').waitFor();
    await statusIs(funder, 'accepted');
    await funder.getByText(/^Version 1: changes requested/).waitFor();
    await funder.getByText(/^Version 2: accepted/).waitFor();
    await expectAccessible(funder, 'proof of use (accepted)');

    await funder.getByRole('button', { name: 'PDF', exact: true }).click();
    await funder.waitForURL(/\/reports\/[\w-]+$/);
    await funder.getByRole('heading', { level: 1 }).waitFor();

    const api = await g.grantee.gql(
      `query($id: ID!) { proofsOfUse(grantId: $id, first: 5) { nodes { status submittedVersion statement } } }`,
      { id: g.grantId },
    );
    expect(api.data.proofsOfUse.nodes).toEqual([
      {
        status: 'ACCEPTED',
        submittedVersion: 2,
        statement: 'We ran 12 workshops with 140 neighbours. 60 of them came back.',
      },
    ]);
  });
});
