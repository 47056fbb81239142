// A grant's change notices, newest first: what the team told the funder, and the funder's answer.
import { Badge, Button, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useGrantSide } from '../../features/budget/grant-side';
import { GrantMoneyNav } from '../../features/budget/money-nav';
import { GrantNoticesQuery } from '../../features/notices/operations';
import { NOTICE_STATUS_COLOR } from '../../features/notices/notice-details';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/grants/$grantId/notices/')({ component: NoticesPage });

function NoticesPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { grantId } = Route.useParams();
  const side = useGrantSide();
  const { data } = useSuspenseQuery({
    queryKey: ['grantNotices', grantId],
    queryFn: () => request(GrantNoticesQuery, { grantId }),
  });
  const { grant } = data;
  const notices = [...grant.changeNotices.nodes].reverse();
  return (
    <Page
      title={t('notices.title')}
      description={t('budget.description', { reference: grant.reference, title: grant.title })}
      actions={
        side.isGrantee &&
        grant.status === 'ACTIVE' && (
          <Button
            renderRoot={(props) => (
              <Link to="/grants/$grantId/notices/new" params={{ grantId }} {...props} />
            )}
          >
            {t('notices.new')}
          </Button>
        )
      }
    >
      <GrantMoneyNav grantId={grantId} />
      <Section title={t('notices.list')} description={t('notices.listHint')}>
        {notices.length === 0 ? (
          <Empty>{t('notices.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('notices.kindLabel')}</Table.Th>
                  <Table.Th scope="col">{t('notices.filed')}</Table.Th>
                  <Table.Th scope="col">{t('notices.statusLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {notices.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/grants/$grantId/notices/$noticeId"
                        params={{ grantId, noticeId: n.id }}
                      >
                        {t(`notices.kind.${n.kind}`)}
                      </AnchorLink>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {n.description}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(n.createdAt, locale)}</Table.Td>
                    <Table.Td>
                      <Badge color={NOTICE_STATUS_COLOR[n.status] ?? 'gray'}>
                        {t(`notices.status.${n.status}`)}
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
