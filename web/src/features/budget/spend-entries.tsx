// The spend the team reported, per budget line, with each entry's receipts: the team attaches a
// receipt to an entry here (by picker or by dropping the file), the funder reads and downloads.
import { Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { Empty } from '../../ui/states';
import { Attachments, type AttachmentItem } from '../attachments/attachments';

export interface SpendEntryRow {
  id: string;
  spentOn: string;
  note: string;
  reviewId: string | null;
  receiptReference: string | null;
  beyondTolerance: boolean;
  amount: { amount: number };
  lineId: string;
  attachments: readonly AttachmentItem[];
}

export function SpendEntries({
  grantId,
  currency,
  lines,
  entries,
  total,
  canAttach,
}: {
  grantId: string;
  currency: string;
  lines: { id: string; name: string }[];
  entries: readonly SpendEntryRow[];
  total: number;
  canAttach: boolean;
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['grantBudget', grantId] });
  if (entries.length === 0) return <Empty>{t('spendEntries.none')}</Empty>;
  return (
    <Stack gap="lg">
      {entries.length < total && (
        <Text size="sm" c="dimmed">
          {t('spendEntries.latestOnly', { shown: entries.length, total })}
        </Text>
      )}
      {lines.map((line) => {
        const own = entries.filter((e) => e.lineId === line.id);
        if (own.length === 0) return null;
        return (
          <Stack key={line.id} gap="xs" data-spend-line={line.id}>
            <Title order={3} size="h5">
              {line.name}
            </Title>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" data-testid="spend-entries">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('spendEntries.date')}</Table.Th>
                    <Table.Th scope="col">{t('spendEntries.note')}</Table.Th>
                    <Table.Th scope="col">{t('spendEntries.reference')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('spendEntries.amount')}
                    </Table.Th>
                    <Table.Th scope="col">{t('spendEntries.receipts')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {own.map((entry) => (
                    <Table.Tr key={entry.id} data-spend-entry={entry.id}>
                      <Table.Td>{formatLocalDate(entry.spentOn, locale)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {entry.note || (entry.reviewId ? t('spendEntries.fromSprintReview') : '')}
                        </Text>
                        {entry.beyondTolerance && (
                          <Text size="xs" c="red">
                            {t('spendEntries.beyondTolerance')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{entry.receiptReference ?? '–'}</Table.Td>
                      <Table.Td ta="right">
                        {formatMoney(entry.amount.amount, currency, locale)}
                      </Table.Td>
                      <Table.Td miw={260}>
                        <Attachments
                          parentType="SPEND_ENTRY"
                          parentId={entry.id}
                          label={t('spendEntries.receiptsOf', {
                            note: entry.note,
                            date: formatLocalDate(entry.spentOn, locale),
                          })}
                          attachments={entry.attachments}
                          canUpload={canAttach}
                          onChanged={refresh}
                          compact
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        );
      })}
    </Stack>
  );
}
