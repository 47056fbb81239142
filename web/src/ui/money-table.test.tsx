import { MantineProvider } from '@mantine/core';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MoneyTable } from './money-table';

interface Line {
  id: string;
  name: string;
  planned: number;
  spent: number;
  note: string;
}

const LINES: Line[] = [
  { id: 'a', name: 'Entwicklung', planned: 5_000_000, spent: 123_450, note: 'wie geplant' },
  { id: 'b', name: 'Sachkosten', planned: 1_000_000, spent: 0, note: '' },
];

function setup(locale: string) {
  render(
    <MantineProvider>
      <MoneyTable
        testId="lines"
        currency="EUR"
        locale={locale}
        minWidth={600}
        lineLabel="Line"
        rows={LINES}
        rowKey={(l) => l.id}
        rowData={(l) => ({ 'data-line': l.id })}
        rowHeader={(l) => l.name}
        money={[
          { key: 'planned', label: 'Planned', minor: (l) => l.planned, dataName: 'planned' },
          { key: 'spent', label: 'Spent', minor: (l) => l.spent },
        ]}
        after={[{ key: 'note', label: 'Note', cell: (l) => l.note }]}
      />
    </MantineProvider>,
  );
  return screen.getByTestId('lines');
}

describe('MoneyTable', () => {
  it('names each line in its row header and heads every column', () => {
    const table = setup('en-GB');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Line', 'Planned', 'Spent', 'Note']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Entwicklung', 'Sachkosten']);
  });

  it("writes amounts from minor units in the reader's format, with the exact figure where asked", () => {
    const table = setup('de-DE');
    const row = table.querySelector('[data-line="a"]')!;
    const cells = within(row as HTMLElement).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([
      '50.000,00\u00a0€',
      '1.234,50\u00a0€',
      'wie geplant',
    ]);
    expect(cells[0].getAttribute('data-planned')).toBe('5000000');
    expect(cells[1].hasAttribute('data-spent')).toBe(false);
  });
});
