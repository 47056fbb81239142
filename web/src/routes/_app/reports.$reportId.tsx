// A report the worker made (the "report ready" email links here): its state and the download,
// through a short-lived signed link the API issues — the browser follows it like any download, and
// the access token never appears in a URL.
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../lib/graphql';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { notifyError } from '../../ui/notify';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

const DownloadLinkMutation = graphql(`
  mutation ReportDownloadLink($reportId: ID!) {
    createReportDownloadLink(reportId: $reportId) {
      url
    }
  }
`);

const ReportQuery = graphql(`
  query Report($reportId: ID!) {
    report(reportId: $reportId) {
      id
      kind
      format
      status
      fileName
      sizeBytes
      rowCount
      error
      createdAt
      finishedAt
      expiresAt
    }
  }
`);

export const Route = createFileRoute('/_app/reports/$reportId')({ component: ReportPage });

const STATUS_COLOR: Record<string, string> = {
  READY: 'teal',
  QUEUED: 'blue',
  RUNNING: 'blue',
  FAILED: 'red',
  EXPIRED: 'gray',
};

function ReportPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { reportId } = Route.useParams();
  const { data } = useSuspenseQuery({
    queryKey: ['report', reportId],
    queryFn: () => request(ReportQuery, { reportId }),
    refetchInterval: (q) =>
      q.state.data && ['QUEUED', 'RUNNING'].includes(q.state.data.report.status) ? 3000 : false,
  });
  const report = data.report;
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      const { createReportDownloadLink } = await request(DownloadLinkMutation, {
        reportId: report.id,
      });
      const a = document.createElement('a');
      a.href = createReportDownloadLink.url;
      a.download = report.fileName ?? `report-${report.id}`;
      a.click();
    } catch {
      notifyError(t('report.downloadFailed'));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Page title={t('report.title', { kind: t(`report.kind.${report.kind}`) })}>
      <Section title={t('report.details')}>
        <Group>
          <Badge color={STATUS_COLOR[report.status] ?? 'gray'} size="lg">
            {t(`report.status.${report.status}`)}
          </Badge>
          <Text>{t(`report.format.${report.format}`)}</Text>
        </Group>
        <Table variant="vertical" withTableBorder maw={560}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('report.requested')}</Table.Th>
              <Table.Td>{formatDateTime(report.createdAt, locale)}</Table.Td>
            </Table.Tr>
            {report.finishedAt && (
              <Table.Tr>
                <Table.Th>{t('report.finished')}</Table.Th>
                <Table.Td>{formatDateTime(report.finishedAt, locale)}</Table.Td>
              </Table.Tr>
            )}
            {report.expiresAt && (
              <Table.Tr>
                <Table.Th>{t('report.expires')}</Table.Th>
                <Table.Td>{formatDateTime(report.expiresAt, locale)}</Table.Td>
              </Table.Tr>
            )}
            {report.rowCount !== null && report.rowCount !== undefined && (
              <Table.Tr>
                <Table.Th>{t('report.rows')}</Table.Th>
                <Table.Td>{report.rowCount.toLocaleString(locale)}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <Stack align="flex-start">
          {report.status === 'READY' && (
            <Button onClick={() => void download()} loading={downloading}>
              {t('report.download')}
            </Button>
          )}
          {report.status === 'FAILED' && (
            <Alert color="red">{report.error ?? t('report.failed')}</Alert>
          )}
          {report.status === 'EXPIRED' && <Alert color="gray">{t('report.expired')}</Alert>}
        </Stack>
      </Section>
    </Page>
  );
}
