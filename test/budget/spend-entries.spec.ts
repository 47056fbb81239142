// A grant's spend entries as a paged list, per line, with their receipts: what the budget page and
// an auditor's export read. Seen by both sides of the grant; another tenant gets NOT_FOUND.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { Account, signUp } from '../helpers/identity';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

const LIST = `query($g: ID!, $l: ID, $first: Int, $after: String) {
  spendEntries(grantId: $g, lineId: $l, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id spentOn note receiptReference amount { amount currency }
      line { id }
      attachmentCount
      attachments { id fileName contentType }
    }
  }
}`;

describe('spend entries', () => {
  let api: TestApi;
  let dir: string;
  let g: GrantFixture;
  let stranger: Account;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meilenstein-spend-'));
    api = await startApi({ env: { STORAGE_DIR: dir } });
    g = await createGrant(api);
    stranger = await signUp(api, 'FUNDER');
    const spend = [
      { key: 'laptop', line: 0, minor: 1_200_00, on: '2026-11-20', receipt: 'RE-17' },
      { key: 'hosting', line: 1, minor: 45_50, on: '2026-11-22', receipt: null },
      { key: 'workshop', line: 0, minor: 300_00, on: '2026-11-21', receipt: 'RE-18' },
    ];
    for (const s of spend) {
      const res = await g.grantee.gql(
        `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`,
        {
          i: {
            grantId: g.grantId,
            lineId: g.lineIds[s.line],
            amount: { amount: s.minor, currency: 'EUR' },
            spentOn: s.on,
            note: s.key,
            receiptReference: s.receipt,
          },
        },
      );
      expect(res.errors).toBeUndefined();
      ids[s.key] = res.data.reportSpend.id;
    }
    const uploaded = await fetch(
      `${api.url}/attachments/SPEND_ENTRY/${ids.laptop}?fileName=Rechnung.pdf`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${g.grantee.accessToken}` },
        body: new Uint8Array(PDF),
      },
    );
    expect(uploaded.status).toBe(201);
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every entry, latest spending date first, with amount, line and receipts, for both sides', async () => {
    for (const who of [g.grantee, g.funder]) {
      const res = await who.gql(LIST, { g: g.grantId });
      expect(res.errors).toBeUndefined();
      const list = res.data.spendEntries;
      expect(list.totalCount).toBe(3);
      expect(list.nodes.map((n: any) => n.note)).toEqual(['hosting', 'workshop', 'laptop']);
      const laptop = list.nodes[2];
      expect(laptop).toMatchObject({
        id: ids.laptop,
        spentOn: '2026-11-20',
        receiptReference: 'RE-17',
        amount: { amount: 1_200_00, currency: 'EUR' },
        line: { id: g.lineIds[0] },
        attachmentCount: 1,
        attachments: [{ fileName: 'Rechnung.pdf', contentType: 'application/pdf' }],
      });
      expect(list.nodes[0]).toMatchObject({ attachmentCount: 0, attachments: [] });
    }
  });

  it('filters by line and pages with cursors without skipping or repeating an entry', async () => {
    const line = await g.funder.gql(LIST, { g: g.grantId, l: g.lineIds[0] });
    expect(line.data.spendEntries.nodes.map((n: any) => n.note)).toEqual(['workshop', 'laptop']);

    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await g.grantee.gql(LIST, { g: g.grantId, first: 2, after });
      expect(res.errors).toBeUndefined();
      const page = res.data.spendEntries;
      seen.push(...page.nodes.map((n: any) => n.note));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['hosting', 'workshop', 'laptop']);

    const tooMany = await g.grantee.gql(LIST, { g: g.grantId, first: 101 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("answers NOT_FOUND for another tenant's grant and for a line id that is not one", async () => {
    const foreign = await stranger.gql(LIST, { g: g.grantId });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.data).toBeNull();
    const badLine = await g.funder.gql(LIST, { g: g.grantId, l: 'not-a-line' });
    expect(badLine.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
