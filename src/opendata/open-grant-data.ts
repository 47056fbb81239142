// A programme's published grants in the 360Giving Data Standard (1.4): the JSON package and its
// spreadsheet form. Pure functions of what the service read; amounts are converted from integer
// minor units to the standard's decimal numbers through their exact decimal string, never by
// dividing a float. Column titles follow the standard's spreadsheet template; transactions, which
// have no friendly titles there, use JSON-pointer column titles as the standard advises.
import { Money } from '../core/money/money';

/** The schema version the export follows (the package's `version`). */
export const THREESIXTYGIVING_VERSION = '1.4';

export interface PublishedTranche {
  number: number;
  amountMinor: bigint;
  /** Calendar day of the release in the programme's time zone. */
  releasedOn: string;
}

export interface PublishedGrant {
  reference: string;
  title: string;
  description: string;
  currency: string;
  awardedMinor: bigint;
  /** Calendar day of the award in the programme's time zone. */
  awardDate: string;
  startDate: string;
  endDate: string;
  updatedAt: Date;
  recipient: { id: string; name: string };
  releasedTranches: PublishedTranche[];
}

export interface OpenGrantDataSource {
  funder: { id: string; name: string };
  grantIdPrefix: string;
  programme: { code: string; title: string };
  grants: PublishedGrant[];
  issuedAt: Date;
}

export interface ThreeSixtyGivingTransaction {
  id: string;
  transactionDate: string;
  currency: string;
  value: number;
}

export interface ThreeSixtyGivingGrant {
  id: string;
  title: string;
  description: string;
  currency: string;
  amountAwarded: number;
  amountDisbursed: number;
  awardDate: string;
  plannedDates: { startDate: string; endDate: string }[];
  recipientOrganization: { id: string; name: string }[];
  fundingOrganization: { id: string; name: string }[];
  grantProgramme: { code: string; title: string }[];
  disbursementTransaction: ThreeSixtyGivingTransaction[];
  dateModified: string;
}

export interface ThreeSixtyGivingPackage {
  version: string;
  title: string;
  issued: string;
  publisher: { identifier: string; name: string };
  grants: ThreeSixtyGivingGrant[];
}

/** Minor units as the standard's number of major units, exact: through the decimal string. */
export function majorUnits(minor: bigint, currency: string): number {
  return Number(Money.of(minor, currency).toDecimalString());
}

/** A grant id part: the standard advises `_` for spaces and special characters, no slashes. */
function idPart(value: string): string {
  return value.replace(/[^A-Za-z0-9-]/g, '_');
}

export function grantId(prefix: string, reference: string): string {
  return `${prefix}-${idPart(reference)}`;
}

/** A recipient without an identifier of its own: the funder's prefix and the organisation's id. */
export function fallbackRecipientId(prefix: string, organizationId: string): string {
  return `${prefix}-${idPart(organizationId)}`;
}

export function toPackage(source: OpenGrantDataSource): ThreeSixtyGivingPackage {
  const funding = [{ id: source.funder.id, name: source.funder.name }];
  return {
    version: THREESIXTYGIVING_VERSION,
    title: `${source.funder.name}: ${source.programme.title}`,
    issued: source.issuedAt.toISOString(),
    publisher: { identifier: source.funder.id, name: source.funder.name },
    grants: source.grants.map((g) => {
      const id = grantId(source.grantIdPrefix, g.reference);
      const disbursed = g.releasedTranches.reduce((sum, t) => sum + t.amountMinor, 0n);
      return {
        id,
        title: g.title,
        description: g.description,
        currency: g.currency,
        amountAwarded: majorUnits(g.awardedMinor, g.currency),
        amountDisbursed: majorUnits(disbursed, g.currency),
        awardDate: g.awardDate,
        plannedDates: [{ startDate: g.startDate, endDate: g.endDate }],
        recipientOrganization: [{ id: g.recipient.id, name: g.recipient.name }],
        fundingOrganization: funding,
        grantProgramme: [{ code: source.programme.code, title: source.programme.title }],
        disbursementTransaction: g.releasedTranches.map((t) => ({
          id: `${id}-T${t.number}`,
          transactionDate: t.releasedOn,
          currency: g.currency,
          value: majorUnits(t.amountMinor, g.currency),
        })),
        dateModified: g.updatedAt.toISOString(),
      };
    }),
  };
}

/** The spreadsheet's columns: the standard's titles for the grants sheet. */
export const GRANT_COLUMNS: {
  title: string;
  value: (g: ThreeSixtyGivingGrant) => string | number;
}[] = [
  { title: 'Identifier', value: (g) => g.id },
  { title: 'Title', value: (g) => g.title },
  { title: 'Description', value: (g) => g.description },
  { title: 'Currency', value: (g) => g.currency },
  { title: 'Amount Awarded', value: (g) => g.amountAwarded },
  { title: 'Amount Disbursed', value: (g) => g.amountDisbursed },
  { title: 'Award Date', value: (g) => g.awardDate },
  { title: 'Planned Dates:Start Date', value: (g) => g.plannedDates[0].startDate },
  { title: 'Planned Dates:End Date', value: (g) => g.plannedDates[0].endDate },
  { title: 'Recipient Org:Identifier', value: (g) => g.recipientOrganization[0].id },
  { title: 'Recipient Org:Name', value: (g) => g.recipientOrganization[0].name },
  { title: 'Funding Org:Identifier', value: (g) => g.fundingOrganization[0].id },
  { title: 'Funding Org:Name', value: (g) => g.fundingOrganization[0].name },
  { title: 'Grant Programme:Code', value: (g) => g.grantProgramme[0].code },
  { title: 'Grant Programme:Title', value: (g) => g.grantProgramme[0].title },
  { title: 'Last Modified', value: (g) => g.dateModified },
];

const TRANSACTION_FIELDS = ['id', 'transactionDate', 'currency', 'value'] as const;

/** Header and rows of the grants sheet: the titled columns, then numbered transaction columns. */
export function toSheet(pkg: ThreeSixtyGivingPackage): {
  header: string[];
  rows: (string | number)[][];
} {
  const most = Math.max(0, ...pkg.grants.map((g) => g.disbursementTransaction.length));
  const header = GRANT_COLUMNS.map((c) => c.title);
  for (let i = 0; i < most; i++)
    for (const field of TRANSACTION_FIELDS) header.push(`disbursementTransaction/${i}/${field}`);
  const rows = pkg.grants.map((g) => {
    const row: (string | number)[] = GRANT_COLUMNS.map((c) => c.value(g));
    for (let i = 0; i < most; i++) {
      const t = g.disbursementTransaction[i];
      for (const field of TRANSACTION_FIELDS) row.push(t ? t[field] : '');
    }
    return row;
  });
  return { header, rows };
}

/** The spreadsheet form as an XLSX workbook with one sheet, `grants`. */
export async function toWorkbook(pkg: ThreeSixtyGivingPackage): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = pkg.publisher.name;
  const sheet = workbook.addWorksheet('grants');
  const { header, rows } = toSheet(pkg);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(12, header[i].length + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
