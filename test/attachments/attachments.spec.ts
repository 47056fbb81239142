// Attachments through the API as a client would send them: uploaded to each kind of parent, listed
// and downloaded under the parent's tenant rules, checked by content (size, type by magic bytes),
// and kept in the file storage.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { Account, addMember, signUp } from '../helpers/identity';
import { FILE_NOTICE, submitReview } from '../helpers/sprints';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);
const SCRIPT = Buffer.from('<html><script>fetch("/graphql")</script></html>');

describe('attachments', () => {
  let api: TestApi;
  let dir: string;
  let g: GrantFixture;
  let stranger: Account;
  let parents: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meilenstein-attachments-'));
    api = await startApi({ env: { STORAGE_DIR: dir, ATTACHMENT_MAX_BYTES: '65536' } });
    g = await createGrant(api);
    stranger = await signUp(api, 'GRANTEE');
    const spend = await g.grantee.gql(
      `mutation($i: ReportSpendInput!) { reportSpend(input: $i) { id } }`,
      {
        i: {
          grantId: g.grantId,
          lineId: g.lineIds[0],
          amount: { amount: 1_200_00, currency: 'EUR' },
          spentOn: '2026-11-20',
          note: 'laptop',
          receiptReference: 'RE-2026-17',
        },
      },
    );
    expect(spend.errors).toBeUndefined();
    const review = await submitReview(g.grantee, g.grantId, 1, {});
    const notice = await g.grantee.gql(FILE_NOTICE, {
      input: {
        grantId: g.grantId,
        kind: 'GOAL_UNREACHABLE',
        description: 'Our partner school left the project.',
      },
    });
    expect(notice.errors).toBeUndefined();
    const applications = await g.grantee.gql(`{ applications(first: 1) { nodes { id } } }`);
    parents = {
      SPEND_ENTRY: spend.data.reportSpend.id,
      APPLICATION: applications.data.applications.nodes[0].id,
      SPRINT_REVIEW: review.id,
      CHANGE_NOTICE: notice.data.fileChangeNotice.id,
    };
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (
    who: Account | null,
    parentType: string,
    parentId: string,
    body: Buffer,
    fileName = 'file.pdf',
  ) =>
    fetch(
      `${api.url}/attachments/${parentType}/${parentId}?fileName=${encodeURIComponent(fileName)}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          ...(who ? { authorization: `Bearer ${who.accessToken}` } : {}),
        },
        body: new Uint8Array(body),
      },
    );
  const download = (who: Account, id: string) =>
    fetch(`${api.url}/attachments/${id}/download`, {
      headers: { authorization: `Bearer ${who.accessToken}` },
    });
  const db = () => api.app.get(DataSource);
  const count = async () =>
    Number((await db().query(`SELECT count(*) AS n FROM attachment`))[0].n as string);

  it('uploads to every kind of parent and downloads the same bytes on both sides of the grant', async () => {
    for (const [type, parentId] of Object.entries(parents)) {
      const res = await upload(g.grantee, type, parentId, PDF, `Beleg ${type}.pdf`);
      expect(res.status).toBe(201);
      const body = (await res.json()) as any;
      expect(body).toMatchObject({
        parentType: type,
        parentId,
        fileName: `Beleg ${type}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
      });
      for (const who of [g.grantee, g.funder]) {
        const listed = await who.gql(
          `query($t: AttachmentParent!, $id: ID!) { attachments(parentType: $t, parentId: $id) { id fileName contentType sizeBytes } }`,
          { t: type, id: parentId },
        );
        expect(listed.errors).toBeUndefined();
        expect(listed.data.attachments.map((a: any) => a.id)).toEqual([body.id]);
        const file = await download(who, body.id);
        expect(file.status).toBe(200);
        expect(file.headers.get('content-type')).toBe('application/pdf');
        expect(Buffer.from(await file.arrayBuffer())).toEqual(PDF);
      }
      // Recorded as a state change of its own.
      const [event] = await db().query(
        `SELECT actor_user_id FROM audit_event WHERE action = 'attachment.uploaded' AND subject_id = $1`,
        [body.id],
      );
      expect(event.actor_user_id).toBe(g.grantee.personId);
    }
    // In the storage under the uploader's organisation, not under the name it was given.
    expect(readdirSync(join(dir, 'attachments', g.grantee.organizationId))).toHaveLength(4);
  });

  it('answers NOT_FOUND to another tenant: no upload, no list, no download, no link', async () => {
    const before = await count();
    for (const [type, parentId] of Object.entries(parents)) {
      const res = await upload(stranger, type, parentId, PDF);
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).code).toBe('NOT_FOUND');
      const listed = await stranger.gql(
        `query($t: AttachmentParent!, $id: ID!) { attachments(parentType: $t, parentId: $id) { id } }`,
        { t: type, id: parentId },
      );
      expect(listed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const [{ id }] = await db().query(`SELECT id FROM attachment LIMIT 1`);
    expect((await download(stranger, id)).status).toBe(404);
    const link = await stranger.gql(
      `mutation($id: ID!) { createAttachmentDownloadLink(attachmentId: $id) { url } }`,
      { id },
    );
    expect(link.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await upload(null, 'SPEND_ENTRY', parents.SPEND_ENTRY, PDF)).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('refuses oversized, empty and disguised files by their content, writing nothing', async () => {
    const before = await count();
    const files = readdirSync(join(dir, 'attachments', g.grantee.organizationId)).length;
    const big = Buffer.concat([PDF, Buffer.alloc(70_000, 0x20)]);
    const tooLarge = await upload(g.grantee, 'SPRINT_REVIEW', parents.SPRINT_REVIEW, big);
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.json()).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TOO_LARGE',
      maxBytes: 65536,
    });
    const disguised = await upload(
      g.grantee,
      'SPRINT_REVIEW',
      parents.SPRINT_REVIEW,
      SCRIPT,
      'receipt.pdf',
    );
    expect(disguised.status).toBe(400);
    const refused = (await disguised.json()) as any;
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_TYPE' });
    expect(refused.message).toMatch(/PDF, PNG, JPEG, WebP/);
    const empty = await upload(g.grantee, 'SPRINT_REVIEW', parents.SPRINT_REVIEW, Buffer.alloc(0));
    expect(((await empty.json()) as any).reason).toBe('EMPTY');
    // A PNG named .pdf is stored as what it is, and served as such.
    const png = await upload(g.grantee, 'SPRINT_REVIEW', parents.SPRINT_REVIEW, PNG, 'demo.pdf');
    const stored = (await png.json()) as any;
    expect(stored.contentType).toBe('image/png');
    expect((await download(g.funder, stored.id)).headers.get('content-type')).toBe('image/png');
    expect(await count()).toBe(before + 1);
    expect(readdirSync(join(dir, 'attachments', g.grantee.organizationId))).toHaveLength(files + 1);
  });

  it('takes receipts only from the grantee, and a logo only as PNG or JPEG from its administrators', async () => {
    const byFunder = await upload(g.funder, 'SPEND_ENTRY', parents.SPEND_ENTRY, PDF);
    expect(byFunder.status).toBe(403);
    expect(((await byFunder.json()) as any).reason).toBe('NOT_YOURS');

    const logo = await upload(
      g.funder,
      'ORGANIZATION_LOGO',
      g.funder.organizationId,
      PNG,
      'logo.png',
    );
    expect(logo.status).toBe(201);
    const pdfLogo = await upload(g.funder, 'ORGANIZATION_LOGO', g.funder.organizationId, PDF);
    expect(((await pdfLogo.json()) as any).reason).toBe('UNSUPPORTED_TYPE');
    const reviewer = await addMember(api, g.funder, 'REVIEWER');
    const byReviewer = await upload(reviewer, 'ORGANIZATION_LOGO', g.funder.organizationId, PNG);
    expect(byReviewer.status).toBe(403);
    const otherOrg = await upload(g.grantee, 'ORGANIZATION_LOGO', g.funder.organizationId, PNG);
    expect(otherOrg.status).toBe(404);
  });

  it('downloads through a short-lived signed link, and deletes only what its organisation uploaded', async () => {
    const res = await upload(g.grantee, 'CHANGE_NOTICE', parents.CHANGE_NOTICE, PNG, 'plan.png');
    const { id } = (await res.json()) as any;
    const link = await g.funder.gql(
      `mutation($id: ID!) { createAttachmentDownloadLink(attachmentId: $id) { url expiresAt } }`,
      { id },
    );
    expect(link.errors).toBeUndefined();
    const file = await fetch(`${api.url}${link.data.createAttachmentDownloadLink.url}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);

    const DELETE = `mutation($id: ID!) { deleteAttachment(attachmentId: $id) }`;
    const byFunder = await g.funder.gql(DELETE, { id });
    expect(byFunder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const deleted = await g.grantee.gql(DELETE, { id });
    expect(deleted.data.deleteAttachment).toBe(id);
    expect((await download(g.grantee, id)).status).toBe(404);
    expect(readdirSync(join(dir, 'attachments', g.grantee.organizationId))).not.toContain(id);
  });
});
