// Open grant data in the 360Giving Data Standard: the funder's identifiers, grants marked
// publishable one by one, and the programme's export as a JSON package and a spreadsheet. Every
// exported grant is checked against a JSON Schema written from the standard's documentation
// (test/opendata/360giving-package.schema.json); only publishable grants leave, amounts are
// exactly the grant's figures in major units, and other tenants get NOT_FOUND.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import schema from './360giving-package.schema.json';
import { startApi, TestApi } from '../helpers/api';
import { createGrant, GrantFixture } from '../helpers/grants';
import { Account, signUp } from '../helpers/identity';
import { DECIDE, submitApplication } from '../helpers/programmes';
import { DECIDE_REVIEW, submitReview } from '../helpers/sprints';

const SETTINGS = `mutation($input: UpdateOpenDataSettingsInput!) { updateOpenDataSettings(input: $input) { orgIdentifier grantIdPrefix } }`;
const PUBLISH = `mutation($id: ID!, $input: GrantPublicationInput!) { setGrantPublication(grantId: $id, input: $input) { id publication { publishable description } } }`;
const PACKAGE = `query($id: ID!) { openGrantData(programmeId: $id) }`;
const LINK = `mutation($id: ID!, $format: OpenGrantDataFormat!) { createOpenGrantDataDownloadLink(programmeId: $id, format: $format) { url expiresAt } }`;

/** Cents as the number of euros, computed on integers and read from the decimal string. */
const major = (cents: number) =>
  Number(`${BigInt(cents) / 100n}.${String(BigInt(cents) % 100n).padStart(2, '0')}`);

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const check = ajv.compile(schema);

describe('open grant data (360Giving)', () => {
  let api: TestApi;
  let g: GrantFixture;
  let neighbour: { grantee: Account; grantId: string; reference: string };
  let quiet: { grantee: Account; grantId: string };
  let stranger: Account;
  let reference: string;

  beforeAll(async () => {
    api = await startApi();
    // Cents that a float would get wrong on the way: 500.01 + 300.10 + 200.20.
    g = await createGrant(api, { lines: [50_000_01, 30_000_10, 20_000_20] });
    const approve = async (grantee: Account) => {
      const applicationId = await submitApplication(grantee, g.programmeId, [12_345_67], 2);
      const res = await g.manager.gql(DECIDE, {
        input: { applicationId, decision: 'APPROVE', comment: 'ok' },
      });
      return res.data.decideApplication.grant as { id: string; reference: string };
    };
    const neighbourTeam = await signUp(api, 'GRANTEE');
    const n = await approve(neighbourTeam);
    neighbour = { grantee: neighbourTeam, grantId: n.id, reference: n.reference };
    const quietTeam = await signUp(api, 'GRANTEE');
    quiet = { grantee: quietTeam, grantId: (await approve(quietTeam)).id };
    stranger = await signUp(api, 'FUNDER');
    reference = (await g.funder.gql(`{ grant(grantId: "${g.grantId}") { reference } }`)).data.grant
      .reference;
    // An accepted review releases the second tranche of the first grant.
    const review = await submitReview(g.grantee, g.grantId, 1, {
      spend: [{ lineId: g.lineIds[0], amount: 10_000_00 }],
    });
    const accepted = await g.manager.gql(DECIDE_REVIEW, {
      input: { reviewId: review.id, decision: 'ACCEPT' },
    });
    expect(accepted.errors).toBeUndefined();
  });
  afterAll(() => api.close());

  it('refuses an export until the funder has set its identifiers, and checks their form', async () => {
    const early = await g.funder.gql(LINK, { id: g.programmeId, format: 'JSON' });
    expect(early.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'SETTINGS_MISSING',
      missing: ['orgIdentifier', 'grantIdPrefix'],
    });

    const bad = await g.funder.gql(SETTINGS, {
      input: { orgIdentifier: 'Charity 1164883', grantIdPrefix: 'stiftung/zukunft' },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      bad.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field).sort(),
    ).toEqual(['grantIdPrefix', 'orgIdentifier']);

    const set = await g.funder.gql(SETTINGS, {
      input: { orgIdentifier: 'DE-VR-12345', grantIdPrefix: '360G-stiftungzukunft' },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data.updateOpenDataSettings).toEqual({
      orgIdentifier: 'DE-VR-12345',
      grantIdPrefix: '360G-stiftungzukunft',
    });
    const read = await g.funder.gql(
      `{ currentOrganization { openData { orgIdentifier grantIdPrefix } } }`,
    );
    expect(read.data.currentOrganization.openData.grantIdPrefix).toBe('360G-stiftungzukunft');

    // A grantee names itself, but has no publisher prefix.
    const prefix = await g.grantee.gql(SETTINGS, { input: { grantIdPrefix: '360G-team' } });
    expect(prefix.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'FUNDERS_ONLY',
    });
    const own = await g.grantee.gql(SETTINGS, { input: { orgIdentifier: 'DE-CR-HRB98765' } });
    expect(own.data.updateOpenDataSettings.orgIdentifier).toBe('DE-CR-HRB98765');

    const audit = await api.app
      .get(DataSource)
      .query(
        `SELECT before, after FROM audit_event WHERE action = 'open_data.settings_updated' AND subject_id = $1`,
        [g.funder.organizationId],
      );
    expect(audit).toEqual([
      {
        before: { orgIdentifier: null, grantIdPrefix: null },
        after: { orgIdentifier: 'DE-VR-12345', grantIdPrefix: '360G-stiftungzukunft' },
      },
    ]);
  });

  it('publishes nothing until the funder marks grants publishable, and only its own', async () => {
    const none = await g.funder.gql(PACKAGE, { id: g.programmeId });
    expect(none.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'NOTHING_PUBLISHABLE',
    });
    const view = await g.grantee.gql(
      `{ grant(grantId: "${g.grantId}") { publication { publishable } } }`,
    );
    expect(view.data.grant.publication.publishable).toBe(false);

    const byGrantee = await g.grantee.gql(PUBLISH, {
      id: g.grantId,
      input: { publishable: true },
    });
    expect(byGrantee.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byStranger = await stranger.gql(PUBLISH, {
      id: g.grantId,
      input: { publishable: true },
    });
    expect(byStranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stranger.gql(PACKAGE, { id: g.programmeId })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await stranger.gql(LINK, { id: g.programmeId, format: 'XLSX' })).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await g.grantee.gql(PACKAGE, { id: g.programmeId })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');

    for (const [id, description] of [
      [g.grantId, null],
      [neighbour.grantId, 'Open-source tools for neighbourhood help.'],
    ] as const) {
      const res = await g.manager.gql(PUBLISH, { id, input: { publishable: true, description } });
      expect(res.errors).toBeUndefined();
      expect(res.data.setGrantPublication.publication).toEqual({ publishable: true, description });
    }
    const audit = await api.app
      .get(DataSource)
      .query(
        `SELECT subject_id, before, after FROM audit_event WHERE action = 'grant.publication_changed' ORDER BY created_at`,
      );
    expect(audit.map((a: { subject_id: string }) => a.subject_id)).toEqual([
      g.grantId,
      neighbour.grantId,
    ]);
    expect(audit[0].before).toEqual({ publishable: false, description: null });
  });

  it('exports only publishable grants, each valid against the standard, with exact amounts', async () => {
    const res = await g.funder.gql(PACKAGE, { id: g.programmeId });
    expect(res.errors).toBeUndefined();
    const pkg = res.data.openGrantData;
    const valid = check(pkg);
    expect(check.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    expect(pkg.grants.map((x: { id: string }) => x.id).sort()).toEqual(
      [`360G-stiftungzukunft-${reference}`, `360G-stiftungzukunft-${neighbour.reference}`].sort(),
    );
    const ids = pkg.grants.map((x: { id: string }) => x.id).join(' ');
    const quietRef = (await g.funder.gql(`{ grant(grantId: "${quiet.grantId}") { reference } }`))
      .data.grant.reference;
    expect(ids).not.toContain(quietRef);

    const grant = pkg.grants.find((x: { id: string }) => x.id.endsWith(reference));
    const figures = (
      await g.funder.gql(
        `{ grant(grantId: "${g.grantId}") { title awardedAmount { amount currency } startDate endDate tranches { status releasedAt amount { amount } } } }`,
      )
    ).data.grant;
    const released = figures.tranches.filter((t: { status: string }) => t.status === 'RELEASED');
    expect(released.length).toBe(2);
    expect(String(grant.amountAwarded)).toBe('100000.31');
    expect(figures.awardedAmount.amount).toBe(100_000_31);
    const releasedSum = released.reduce(
      (s: number, t: { amount: { amount: number } }) => s + t.amount.amount,
      0,
    );
    expect(grant.amountDisbursed).toBe(major(releasedSum));
    expect(grant.disbursementTransaction.map((t: { value: number }) => t.value)).toEqual(
      released.map((t: { amount: { amount: number } }) => major(t.amount.amount)),
    );
    expect(grant).toMatchObject({
      title: figures.title,
      currency: 'EUR',
      plannedDates: [{ startDate: figures.startDate, endDate: figures.endDate }],
      recipientOrganization: [{ id: 'DE-CR-HRB98765' }],
      fundingOrganization: [{ id: 'DE-VR-12345' }],
    });
    // The neighbour has no identifier of its own: the funder's prefix and the organisation's id.
    const other = pkg.grants.find((x: { id: string }) => x.id.endsWith(neighbour.reference));
    expect(other.recipientOrganization[0].id).toBe(
      `360G-stiftungzukunft-${neighbour.grantee.organizationId}`,
    );
    expect(other.description).toBe('Open-source tools for neighbourhood help.');
    expect(other.amountAwarded).toBe(12345.67);
    expect(other.grantProgramme[0]).toEqual({ code: g.programmeId, title: expect.any(String) });
  });

  it('serves the JSON package and the spreadsheet through signed links', async () => {
    const json = await g.funder.gql(LINK, { id: g.programmeId, format: 'JSON' });
    const body = await (
      await fetch(`${api.url}${json.data.createOpenGrantDataDownloadLink.url}`)
    ).json();
    expect(check(body)).toBe(true);
    expect(body.grants).toHaveLength(2);

    const xlsx = await g.funder.gql(LINK, { id: g.programmeId, format: 'XLSX' });
    const response = await fetch(`${api.url}${xlsx.data.createOpenGrantDataDownloadLink.url}`);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('grants')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    // The standard's required column titles, then the optional ones Meilenstein fills.
    expect(header).toEqual(
      expect.arrayContaining([
        'Identifier',
        'Title',
        'Description',
        'Currency',
        'Amount Awarded',
        'Award Date',
        'Recipient Org:Identifier',
        'Recipient Org:Name',
        'Funding Org:Identifier',
        'Funding Org:Name',
        'Amount Disbursed',
        'Planned Dates:Start Date',
        'Planned Dates:End Date',
        'Grant Programme:Code',
        'Grant Programme:Title',
        'Last Modified',
        'disbursementTransaction/0/value',
        'disbursementTransaction/1/transactionDate',
      ]),
    );
    expect(sheet.rowCount).toBe(3);
    const column = (title: string) => header.indexOf(title) + 1;
    const amounts = [2, 3].map((r) => sheet.getRow(r).getCell(column('Amount Awarded')).value);
    expect(amounts.sort()).toEqual([100000.31, 12345.67].sort());
    expect(amounts.every((a) => typeof a === 'number')).toBe(true);
  });

  it('the check refuses what the standard does not allow', async () => {
    const pkg = (await g.funder.gql(PACKAGE, { id: g.programmeId })).data.openGrantData;
    const [grant] = pkg.grants;
    const broken = (change: Record<string, unknown>, drop?: string) => {
      const copy: Record<string, unknown> = { ...grant, ...change };
      if (drop) delete copy[drop];
      return { ...pkg, grants: [copy] };
    };
    for (const bad of [
      broken({}, 'recipientOrganization'),
      broken({}, 'description'),
      broken({ amountAwarded: '100000.31' }),
      broken({ currency: 'EURO' }),
      broken({ awardDate: '30.11.2026' }),
      broken({ id: 'stiftungzukunft/1' }),
      broken({ fundingOrganization: [{ id: 'Stiftung Zukunft', name: 'x' }] }),
      { ...pkg, grants: [] },
    ])
      expect(check(bad)).toBe(false);
  });

  it('drops a grant the funder takes out again', async () => {
    await g.manager.gql(PUBLISH, { id: neighbour.grantId, input: { publishable: false } });
    const pkg = (await g.funder.gql(PACKAGE, { id: g.programmeId })).data.openGrantData;
    expect(check(pkg)).toBe(true);
    expect(pkg.grants.map((x: { id: string }) => x.id)).toEqual([
      `360G-stiftungzukunft-${reference}`,
    ]);
  });
});
