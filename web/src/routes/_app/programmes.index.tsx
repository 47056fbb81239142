// The funder's programmes: each with its state, budget and call window; managers start new ones.
import { Button, Select, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { ProgrammesQuery } from '../../features/programmes/operations';
import { ProgrammeStatusBadge } from '../../features/programmes/status';
import { hasRole, useViewer } from '../../features/session/viewer';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

const STATUSES = ['DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED'] as const;

export const Route = createFileRoute('/_app/programmes/')({
  validateSearch: z.object({ status: z.optional(z.enum(STATUSES)) }),
  component: ProgrammesPage,
});

function ProgrammesPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const viewer = useViewer();
  const { status } = Route.useSearch();
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery({
    queryKey: ['programmes', status ?? null],
    queryFn: () => request(ProgrammesQuery, { status }),
  });
  const manager = hasRole(viewer, 'OWNER', 'MANAGER');
  return (
    <Page
      title={t('programmes.title')}
      description={t('programmes.description')}
      actions={
        manager && (
          <Button
            component={Link}
            to="/programmes/new"
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            {t('programmes.new')}
          </Button>
        )
      }
    >
      <Section title={t('programmes.list')}>
        <Select
          maw={260}
          label={t('programmes.filterStatus')}
          placeholder={t('programmes.allStatuses')}
          clearable
          value={status ?? null}
          data={STATUSES.map((s) => ({ value: s, label: t(`programmes.status.${s}`) }))}
          onChange={(value) => void navigate({ search: { status: value ?? undefined } })}
        />
        {data.programmes.nodes.length === 0 ? (
          <Empty>{manager ? t('programmes.emptyManager') : t('programmes.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('programmes.programme')}</Table.Th>
                  <Table.Th>{t('programmes.state')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('programmes.totalBudget')}</Table.Th>
                  <Table.Th>{t('programmes.callWindow')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.programmes.nodes.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <AnchorLink to="/programmes/$programmeId" params={{ programmeId: p.id }}>
                        {p.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <ProgrammeStatusBadge status={p.status} />
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {formatMoney(p.totalBudget.amount, p.totalBudget.currency, locale)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {p.callOpensAt && p.callClosesAt
                          ? t('programmes.window', {
                              from: formatDateTime(p.callOpensAt, locale),
                              to: formatDateTime(p.callClosesAt, locale),
                            })
                          : t('programmes.noWindow')}
                      </Text>
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
