// The differences between two submitted versions of an application, as a list people read.
import { Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { versionDiff } from './version-diff';

export function VersionChanges({
  versions,
  currency,
}: {
  versions: { version: number; submittedAt: string; content: Record<string, unknown> }[];
  currency: string;
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const latest = versions[versions.length - 1];
  const [from, setFrom] = useState(String(latest.version - 1));
  const older = versions.find((v) => String(v.version) === from) ?? versions[0];
  const changes = versionDiff(older.content, latest.content);
  const money = (minor: number | null) =>
    minor === null ? '–' : formatMoney(minor, currency, locale);
  return (
    <Stack>
      <Select
        maw={420}
        label={t('appReview.compareWith', { version: latest.version })}
        allowDeselect={false}
        value={from}
        onChange={(v) => v && setFrom(v)}
        data={versions.slice(0, -1).map((v) => ({
          value: String(v.version),
          label: t('appReview.versionOf', {
            version: v.version,
            date: formatDateTime(v.submittedAt, locale),
          }),
        }))}
      />
      {changes.length === 0 ? (
        <Text c="dimmed">{t('appReview.noChanges')}</Text>
      ) : (
        <Table aria-label={t('appReview.changes')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('appReview.what')}</Table.Th>
              <Table.Th>{t('appReview.before', { version: older.version })}</Table.Th>
              <Table.Th>{t('appReview.after', { version: latest.version })}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw={500}>
                  {c.kind === 'text'
                    ? t(`appReview.field.${c.field}`)
                    : c.kind === 'amount'
                      ? t('appReview.requestedAmount')
                      : c.kind === 'line'
                        ? t('appReview.line', { name: c.name })
                        : t('appReview.sprint', { number: c.number })}
                </Table.Th>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                  {c.kind === 'amount'
                    ? money(c.before)
                    : c.kind === 'line'
                      ? c.before
                        ? money(c.before.minor)
                        : t('appReview.none')
                      : (c.before ?? t('appReview.none'))}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                  {c.kind === 'amount'
                    ? money(c.after)
                    : c.kind === 'line'
                      ? c.after
                        ? money(c.after.minor)
                        : t('appReview.none')
                      : (c.after ?? t('appReview.none'))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
