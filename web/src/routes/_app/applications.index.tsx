// The applications of the organisation acted for: for a grantee team its own, with where each
// stands; for a funder the submitted ones to its programmes, each linking to its funder page.
import { Anchor, Group, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { ButtonLink } from '../../features/calls/button-link';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { myApplicationsQuery } from '../../features/applications/queries';
import { StatusBadge } from '../../features/applications/status-panel';
import { useViewer } from '../../features/session/viewer';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/applications/')({
  loader: ({ context }) => context.queryClient.ensureQueryData(myApplicationsQuery()),
  component: ApplicationsPage,
});

function ApplicationsPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const viewer = useViewer();
  const funder = viewer.me.organization?.kind === 'FUNDER';
  const applications = useSuspenseQuery(myApplicationsQuery()).data.applications.nodes;
  return (
    <Page
      title={t('applications.title')}
      description={funder ? t('applications.introFunder') : t('applications.intro')}
      actions={!funder && <ButtonLink to="/calls">{t('applications.findCall')}</ButtonLink>}
    >
      {applications.length === 0 ? (
        <Empty>{funder ? t('applications.noneFunder') : t('applications.none')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('applications.column.title')}</Table.Th>
                <Table.Th scope="col">{t('applications.column.programme')}</Table.Th>
                <Table.Th scope="col">{t('applications.column.status')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('applications.column.requested')}
                </Table.Th>
                <Table.Th scope="col">{t('applications.column.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {applications.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    {funder ? (
                      <Anchor href={`/programmes/${a.programme.id}/applications/${a.id}`}>
                        {a.title || t('applications.untitled')}
                      </Anchor>
                    ) : (
                      <AnchorLink
                        to="/applications/$applicationId"
                        params={{ applicationId: a.id }}
                      >
                        {a.title || t('applications.untitled')}
                      </AnchorLink>
                    )}
                  </Table.Td>
                  <Table.Td>{a.programme.title}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {a.requestedAmount
                      ? formatMoney(a.requestedAmount.amount, a.requestedAmount.currency, locale)
                      : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(a.updatedAt, locale)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!funder && (
        <Group>
          <AnchorLink to="/calls" size="sm">
            {t('applications.browseCalls')}
          </AnchorLink>
        </Group>
      )}
    </Page>
  );
}
