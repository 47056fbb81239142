// A programme's applications inbox: filter by state, search in title and summary, sort by the
// weighted score (for those who see it: owners, managers, auditors) or by submission. The API
// orders and pages; "show more" loads the next 50.
import { Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { InboxQuery } from '../../features/review/operations';
import { hasRole, useViewer } from '../../features/session/viewer';
import {
  APPLICATION_STATUSES,
  ApplicationStatusBadge,
  formatScore,
} from '../../features/review/status';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';
import { nextPageCursor } from '../../lib/pages';
import { LoadMore } from '../../ui/load-more';

const SORTS = ['score', 'newest'] as const;

export const Route = createFileRoute('/_app/programmes/$programmeId/applications/')({
  validateSearch: z.object({
    status: z.optional(z.enum(APPLICATION_STATUSES)),
    q: z.optional(z.string()),
    sort: z.optional(z.enum(SORTS)),
  }),
  component: InboxPage,
});

function InboxPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { programmeId } = Route.useParams();
  const { status, q, sort: chosen } = Route.useSearch();
  // Reviewers score blind: they neither see the others' scores nor sort by them.
  const seesScores = hasRole(useViewer(), 'OWNER', 'MANAGER', 'AUDITOR');
  const sorts = seesScores ? SORTS : (['newest'] as const);
  const sort = seesScores ? (chosen ?? 'score') : 'newest';
  const navigate = Route.useNavigate();
  const [text, setText] = useState(q ?? '');
  const search = useDebouncedCallback((value: string) => {
    void navigate({ search: (s) => ({ ...s, q: value.trim() || undefined }), replace: true });
  }, 300);
  const query = useSuspenseInfiniteQuery({
    queryKey: ['inbox', programmeId, status ?? null, q ?? null, sort],
    queryFn: ({ pageParam }) =>
      request(InboxQuery, {
        programmeId,
        status,
        text: q || undefined,
        orderBy: sort === 'score' ? 'SCORE' : 'NEWEST',
        after: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextPageCursor(last.applications.pageInfo),
  });
  const [first] = query.data.pages;
  const applications = query.data.pages.flatMap((p) => p.applications.nodes);
  return (
    <Page
      title={t('inbox.title')}
      description={
        <AnchorLink to="/programmes/$programmeId" params={{ programmeId }}>
          {first.programme.title}
        </AnchorLink>
      }
    >
      <Section title={t('inbox.list', { count: first.applications.totalCount })}>
        <Group align="flex-end">
          <TextInput
            label={t('inbox.search')}
            description={t('inbox.searchHint')}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              search(event.currentTarget.value);
            }}
          />
          <Select
            label={t('inbox.filterStatus')}
            placeholder={t('inbox.allStatuses')}
            clearable
            value={status ?? null}
            data={APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
            onChange={(value) =>
              void navigate({
                search: (s) => ({
                  ...s,
                  status: value ?? undefined,
                }),
              })
            }
          />
          <Select
            label={t('inbox.sort')}
            allowDeselect={false}
            value={sort}
            data={sorts.map((s) => ({ value: s, label: t(`inbox.sortBy.${s}`) }))}
            onChange={(value) =>
              void navigate({
                search: (s) => ({ ...s, sort: (value as (typeof SORTS)[number]) ?? 'score' }),
              })
            }
          />
        </Group>
        {applications.length === 0 ? (
          <Empty>{t('inbox.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inbox.application')}</Table.Th>
                  <Table.Th>{t('inbox.state')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('inbox.requested')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('inbox.score')}</Table.Th>
                  <Table.Th>{t('inbox.submitted')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {applications.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/programmes/$programmeId/applications/$applicationId"
                        params={{ programmeId, applicationId: a.id }}
                      >
                        {a.title}
                      </AnchorLink>
                      <Text size="xs" c="dimmed">
                        {a.grantee.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ApplicationStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {a.requestedAmount
                        ? formatMoney(a.requestedAmount.amount, a.requestedAmount.currency, locale)
                        : '–'}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {a.weightedScore
                        ? formatScore(a.weightedScore, locale)
                        : t('inbox.reviews', { count: a.reviews.length })}
                    </Table.Td>
                    <Table.Td>
                      {a.submittedAt ? formatDateTime(a.submittedAt, locale) : '–'}
                      {a.version > 1 && (
                        <Text size="xs" c="dimmed">
                          {t('inbox.version', { version: a.version })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <LoadMore query={query} />
      </Section>
    </Page>
  );
}
