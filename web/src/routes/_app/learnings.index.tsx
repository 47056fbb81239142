// The organisation's learnings: its own, its programmes' and the public commons, searched in
// German or English with the matching words highlighted.
import { Anchor, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link, createFileRoute, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../../lib/client';
import { lenient, MAX_SEARCH, searchText } from '../../lib/search-params';
import { LearningCard } from '../../features/learnings/learning-card';
import { SearchLearningsQuery } from '../../features/learnings/operations';
import { hasRole, useViewer } from '../../features/session/viewer';
import { Page } from '../../ui/page';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { nextPageCursor } from '../../lib/pages';

const SCOPES = ['ALL', 'OWN', 'PROGRAMMES', 'PUBLIC'] as const;

export const Route = createFileRoute('/_app/learnings/')({
  // Read leniently: a hand-made link shows the learnings, never an error.
  validateSearch: z.object({ q: searchText, scope: lenient(z.enum(SCOPES)) }),
  component: LearningsPage,
});

function LearningsPage() {
  const { t } = useTranslation();
  const params = Route.useSearch();
  const navigate = useNavigate({ from: '/learnings/' });
  const viewer = useViewer();
  const mayWrite = viewer.me.organization?.kind === 'FUNDER' && hasRole(viewer, 'OWNER', 'MANAGER');
  const scope = params.scope ?? 'ALL';
  const [text, setText] = useState(params.q ?? '');
  useEffect(() => setText(params.q ?? ''), [params.q]);
  const query = useInfiniteQuery({
    queryKey: ['learnings', params],
    queryFn: ({ pageParam }) =>
      request(SearchLearningsQuery, { text: params.q || undefined, scope, after: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextPageCursor(last.searchLearnings.pageInfo),
    placeholderData: keepPreviousData,
  });
  const edges = query.data?.pages.flatMap((p) => p.searchLearnings.edges) ?? [];
  const total = query.data?.pages[0]?.searchLearnings.totalCount ?? 0;
  return (
    <Page
      title={t('learnings.title')}
      description={t('learnings.description')}
      actions={
        <>
          <Anchor component={Link} to="/commons">
            {t('learnings.commons')}
          </Anchor>
          {mayWrite && (
            <Button component={Link} to="/learnings/new">
              {t('learnings.write.action')}
            </Button>
          )}
        </>
      }
    >
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('learnings.scope.label')}
          value={scope}
          onChange={(v) => void navigate({ search: (prev) => ({ ...prev, scope: v }) })}
          data={SCOPES.map((s) => ({ value: s, label: t(`learnings.scope.${s}`) }))}
        />
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            void navigate({ search: (prev) => ({ ...prev, q: text.trim() || undefined }) });
          }}
        >
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('commons.searchLabel')}
              description={t('commons.searchHint')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={MAX_SEARCH}
              style={{ flex: 1 }}
              type="search"
            />
            <Button type="submit">{t('commons.search')}</Button>
          </Group>
        </form>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Text role="status" aria-live="polite" c="dimmed" size="sm">
              {params.q
                ? t('commons.found', { count: total, q: params.q })
                : t('commons.count', { count: total })}
            </Text>
            {edges.length === 0 ? (
              <Empty>{t('commons.none')}</Empty>
            ) : (
              edges.map((e) => (
                <LearningCard key={e.node.id} learning={e.node} snippet={e.snippet} to="app" />
              ))
            )}
            {query.hasNextPage && (
              <Button
                variant="light"
                onClick={() => void query.fetchNextPage()}
                loading={query.isFetchingNextPage}
              >
                {t('commons.more')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </Page>
  );
}
