// The organisation's reports and asking for a new one; opened from a grant (`?grantId=`) or a
// programme (`?programmeId=`), the form starts with that subject.
import { Badge, Table } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { useGrantSide } from '../../features/budget/grant-side';
import { ReportsPageQuery } from '../../features/reports/operations';
import { RequestReportForm } from '../../features/reports/request-report-form';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/reports/')({
  validateSearch: z.object({
    grantId: z.catch(z.optional(z.string()), undefined),
    programmeId: z.catch(z.optional(z.string()), undefined),
  }),
  component: ReportsPage,
});

const STATUS_COLOR: Record<string, string> = {
  READY: 'teal',
  QUEUED: 'blue',
  RUNNING: 'blue',
  FAILED: 'red',
  EXPIRED: 'gray',
};

function ReportsPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const search = Route.useSearch();
  const side = useGrantSide();
  const { data } = useSuspenseQuery({
    queryKey: ['reports'],
    queryFn: () => request(ReportsPageQuery),
    refetchInterval: (q) =>
      q.state.data?.reports.nodes.some((r) => ['QUEUED', 'RUNNING'].includes(r.status))
        ? 3000
        : false,
  });
  const grants = data.grants.nodes.map((g) => ({ id: g.id, label: `${g.reference} – ${g.title}` }));
  const programmes = data.programmes.nodes.map((p) => ({ id: p.id, label: p.title }));
  const subject = (r: { grantId?: string | null; programmeId?: string | null }) =>
    (r.grantId && grants.find((g) => g.id === r.grantId)?.label) ||
    (r.programmeId && programmes.find((p) => p.id === r.programmeId)?.label) ||
    '—';
  return (
    <Page title={t('reports.title')} description={t('reports.description')}>
      <Section title={t('reports.request')} description={t('reports.requestHint')}>
        <RequestReportForm
          grants={grants}
          programmes={programmes}
          initialGrantId={search.grantId}
          initialProgrammeId={search.programmeId}
          isFunder={side.isFunder}
        />
      </Section>
      <Section title={t('reports.list')}>
        {data.reports.nodes.length === 0 ? (
          <Empty>{t('reports.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reports.kindLabel')}</Table.Th>
                  <Table.Th scope="col">{t('reports.subject')}</Table.Th>
                  <Table.Th scope="col">{t('reports.requested')}</Table.Th>
                  <Table.Th scope="col">{t('reports.statusLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.reports.nodes.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <AnchorLink to="/reports/$reportId" params={{ reportId: r.id }}>
                        {t('reports.entry', {
                          kind: t(`reports.kind.${r.kind}`),
                          format: r.format,
                        })}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{subject(r)}</Table.Td>
                    <Table.Td>{formatDateTime(r.createdAt, locale)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[r.status] ?? 'gray'}>
                        {t(`report.status.${r.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Page>
  );
}
