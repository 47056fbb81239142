// "Delete my account" leaves the person's email and name nowhere: after the erase, no text or JSON
// column of any table holds either (the test scans them all). Audit events reference people by id.
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../helpers/api';
import { addMember, signUp } from '../helpers/identity';
import { applicationInput, createProgramme } from '../helpers/programmes';
import { startSmtp, TestSmtp } from '../helpers/smtp';
import { startWorker } from '../helpers/worker';
import { until } from '../helpers/wait';

interface Hit {
  table: string;
  column: string;
  count: number;
}

/** Every row of every text, varchar, char, JSON or text-array column holding `needle`. */
async function scan(db: DataSource, needles: string[]): Promise<Hit[]> {
  const columns: { table_name: string; column_name: string }[] = await db.query(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
             OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))`,
  );
  const hits: Hit[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`,
        [needle],
      );
      if (count > 0) hits.push({ table, column, count });
    }
  }
  return hits;
}

describe('erasing an account', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) };
    api = await startApi({ env });
    worker = await startWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await smtp.close();
  });

  it("leaves the person's email and name in no column of any table", async () => {
    const db = api.app.get(DataSource);
    const owner = await signUp(api, 'FUNDER');
    const label = `zora${randomBytes(3).toString('hex')}`;
    const member = await addMember(api, owner, 'REVIEWER', label);
    const name = `${label} person`;
    // Their invitation email went out (mail_delivery.recipient); they signed in from a browser.
    await until(
      () => smtp.messages.some((m) => JSON.stringify(m.to).includes(member.email)),
      'the invitation email',
    );
    await until(
      async () =>
        (await db.query(`SELECT 1 FROM mail_delivery WHERE recipient = $1`, [member.email]))
          .length > 0,
      'the delivery record',
    );
    const renamed = await member.gql(
      'mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { displayName } }',
      { input: { displayName: name } },
      { 'user-agent': `Browser of ${name}` },
    );
    expect(renamed.errors).toBeUndefined();
    // Before the erase the scan finds them (so it would find what an erase left behind).
    expect((await scan(db, [member.email, name])).length).toBeGreaterThan(0);

    const deleted = await member.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', {
      p: member.password,
    });
    expect(deleted.errors).toBeUndefined();
    expect(await scan(db, [member.email, name])).toEqual([]);
  }, 120_000);

  it("clears an application's contact fields where they name the erased person, and only there", async () => {
    const db = api.app.get(DataSource);
    const funder = await signUp(api, 'FUNDER');
    const programme = await createProgramme(funder);
    const owner = await signUp(api, 'GRANTEE');
    const label = `ines${randomBytes(3).toString('hex')}`;
    const member = await addMember(api, owner, 'MEMBER', label);
    const name = `${label} person`;
    const save = async (contactName: string, contactEmail: string) => {
      const saved = await member.gql(
        `mutation($input: SaveApplicationInput!) { saveApplicationDraft(input: $input) { id } }`,
        { input: { ...applicationInput(programme.id), contactName, contactEmail } },
      );
      expect(saved.errors).toBeUndefined();
      return saved.data.saveApplicationDraft.id as string;
    };
    // Theirs, submitted (so a frozen version holds it too); theirs by email only; and one whose
    // contact is someone else, which stays as it is.
    const submitted = await save(name, member.email);
    const res = await member.gql(
      `mutation($id: ID!) { submitApplication(applicationId: $id) { status } }`,
      { id: submitted },
    );
    expect(res.errors).toBeUndefined();
    const byEmail = await save('Ines', member.email.toUpperCase());
    const someoneElse = await save('Grete Grantee', 'grete@example.org');
    expect((await scan(db, [member.email, name])).map((h) => h.table)).toEqual(
      expect.arrayContaining(['application', 'application_version']),
    );

    const deleted = await member.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', {
      p: member.password,
    });
    expect(deleted.errors).toBeUndefined();
    expect(await scan(db, [member.email, name])).toEqual([]);
    const contacts = await db.query(
      `SELECT id, contact_name AS name, contact_email AS email FROM application WHERE id = ANY($1)`,
      [[submitted, byEmail, someoneElse]],
    );
    expect(Object.fromEntries(contacts.map((c: any) => [c.id, [c.name, c.email]]))).toEqual({
      [submitted]: ['', ''],
      [byEmail]: ['', ''],
      [someoneElse]: ['Grete Grantee', 'grete@example.org'],
    });
    const audited = await db.query(
      `SELECT subject_id FROM audit_event WHERE action = 'application.contact-erased'`,
    );
    expect(audited.map((a: any) => a.subject_id).sort()).toEqual([submitted, byEmail].sort());
  }, 120_000);
});
