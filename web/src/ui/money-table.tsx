// A table of budget lines with money columns: each line named in its row header, then its amounts
// right-aligned in the reader's format, then what else a line shows (a badge, a note). The budget
// page and the financial statement of a proof of use lay out their lines this way; writing the
// table once keeps header scopes, alignment and the scroll width (a wide table scrolls inside its
// container instead of widening the page) the same on both.
import { Table, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatMoney } from '../lib/money';

export interface MoneyColumn<Row> {
  key: string;
  label: string;
  minor: (row: Row) => number;
  /** Puts the exact amount in minor units on the cell as `data-<name>`, for scripts and tests. */
  dataName?: string;
}

export interface OtherColumn<Row> {
  key: string;
  label: string;
  cell: (row: Row) => ReactNode;
  /** Figures that are not money (a percentage) line up with the amounts. */
  align?: 'right';
}

export function MoneyTable<Row>({
  testId,
  currency,
  locale,
  minWidth,
  verticalSpacing = 'xs',
  lineLabel,
  rows,
  rowKey,
  rowData,
  rowHeader,
  money,
  after = [],
}: {
  testId: string;
  currency: string;
  locale: string;
  minWidth: number;
  verticalSpacing?: MantineSpacing;
  /** The heading of the first column, which names each line. */
  lineLabel: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** `data-*` attributes of a row, for scripts and tests. */
  rowData?: (row: Row) => Record<`data-${string}`, string>;
  rowHeader: (row: Row) => ReactNode;
  money: MoneyColumn<Row>[];
  after?: OtherColumn<Row>[];
}) {
  const fmt = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing={verticalSpacing} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{lineLabel}</Table.Th>
            {money.map((c) => (
              <Table.Th key={c.key} scope="col" ta="right">
                {c.label}
              </Table.Th>
            ))}
            {after.map((c) => (
              <Table.Th key={c.key} scope="col" ta={c.align}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} {...rowData?.(row)}>
              <Table.Th scope="row">{rowHeader(row)}</Table.Th>
              {money.map((c) => (
                <Table.Td
                  key={c.key}
                  ta="right"
                  {...(c.dataName ? { [`data-${c.dataName}`]: c.minor(row) } : {})}
                >
                  {fmt(c.minor(row))}
                </Table.Td>
              ))}
              {after.map((c) => (
                <Table.Td key={c.key} ta={c.align}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
