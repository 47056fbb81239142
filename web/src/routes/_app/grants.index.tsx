// The grants the organisation funds or receives, with where each stands.
import { Badge, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { GrantsQuery } from '../../features/grants/operations';
import { GRANT_COLOR, SPRINT_COLOR } from '../../features/grants/labels';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';
import { nextPageCursor } from '../../lib/pages';
import { LoadMore } from '../../ui/load-more';

export const Route = createFileRoute('/_app/grants/')({ component: GrantsPage });

function GrantsPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const [draft, setDraft] = useState('');
  const [text, setText] = useState('');
  const query = useSuspenseInfiniteQuery({
    queryKey: ['grants', text],
    queryFn: ({ pageParam }) => request(GrantsQuery, { after: pageParam, text: text || undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextPageCursor(last.grants.pageInfo),
  });
  const grants = query.data.pages.flatMap((p) => p.grants.nodes);
  return (
    <Page title={t('grant.listTitle')} description={t('grant.listDescription')}>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setText(draft.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('grant.search')}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            w={320}
          />
          <Button type="submit" variant="light">
            {t('grant.searchButton')}
          </Button>
        </Group>
      </form>
      <Text size="sm" c="dimmed">
        {t('grant.count', { count: query.data.pages[0]?.grants.totalCount ?? 0 })}
      </Text>
      {grants.length === 0 ? (
        <Empty>{text ? t('grant.noMatch') : t('grant.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('grant.grant')}</Table.Th>
                <Table.Th>{t('grant.parties')}</Table.Th>
                <Table.Th>{t('grant.period')}</Table.Th>
                <Table.Th>{t('grant.currentSprint')}</Table.Th>
                <Table.Th ta="right">{t('grant.awarded')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grants.map((g) => {
                const current =
                  g.sprints.find((s) => s.status !== 'ACCEPTED' && s.status !== 'PLANNED') ??
                  g.sprints.find((s) => s.status === 'PLANNED');
                return (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      <Stack gap={2}>
                        <AnchorLink to="/grants/$grantId" params={{ grantId: g.id }} fw={600}>
                          {g.title}
                        </AnchorLink>
                        <Group gap="xs">
                          <Text size="xs" c="dimmed">
                            {g.reference}
                          </Text>
                          <Badge size="xs" color={GRANT_COLOR[g.status] ?? 'gray'}>
                            {t(`grant.status.${g.status}`)}
                          </Badge>
                        </Group>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{g.funder.name}</Text>
                      <Text size="sm" c="dimmed">
                        {g.grantee.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {formatLocalDate(g.startDate, locale)} –{' '}
                        {formatLocalDate(g.endDate, locale)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {current && g.status === 'ACTIVE' ? (
                        <Group gap="xs">
                          <Text size="sm">{t('grant.sprintN', { number: current.number })}</Text>
                          <Badge size="sm" variant="light" color={SPRINT_COLOR[current.status]}>
                            {t(`grant.sprintStatus.${current.status}`)}
                          </Badge>
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          –
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {formatMoney(g.awardedAmount.amount, g.awardedAmount.currency, locale)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore query={query} />
    </Page>
  );
}
