// The public library of learnings: search in German or English, narrow by facets, no sign-in.
// The search lives in the URL, so a search can be linked and the back button works.
import { Button, Grid, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../lib/client';
import { CommonsLayout } from '../features/learnings/commons-layout';
import { Facet } from '../features/learnings/facets';
import { LearningCard } from '../features/learnings/learning-card';
import { PublicLearningSearchQuery } from '../features/learnings/operations';
import { Empty, ErrorState, Loading } from '../ui/states';
import { nextPageCursor } from '../lib/pages';
import { lenient, MAX_SEARCH, searchText } from '../lib/search-params';

// Search and filters are read leniently: a hand-made link shows the commons, never an error.
const search = z.object({
  q: searchText,
  kind: lenient(z.enum(['INSIGHT', 'FAILURE', 'SURPRISE'])),
  tag: lenient(z.string().check(z.maxLength(40))),
  programme: lenient(z.uuid()),
  funder: lenient(z.uuid()),
  year: lenient(z.int().check(z.minimum(2000), z.maximum(2100))),
});
type Search = z.infer<typeof search>;

export const Route = createFileRoute('/commons/')({
  validateSearch: search,
  component: CommonsPage,
});

function CommonsPage() {
  const { t } = useTranslation();
  const params = Route.useSearch();
  const navigate = useNavigate({ from: '/commons/' });
  const [text, setText] = useState(params.q ?? '');
  useEffect(() => setText(params.q ?? ''), [params.q]);
  useEffect(() => {
    document.title = `${t('commons.title')} – Meilenstein`;
  }, [t]);
  const set = (patch: Partial<Search>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }) });
  const query = useInfiniteQuery({
    queryKey: ['commons', params],
    queryFn: ({ pageParam }) =>
      request(PublicLearningSearchQuery, {
        text: params.q || undefined,
        kind: params.kind,
        tag: params.tag,
        programmeId: params.programme,
        funderId: params.funder,
        year: params.year,
        after: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextPageCursor(last.publicLearningSearch.pageInfo),
    placeholderData: keepPreviousData,
  });
  const first = query.data?.pages[0]?.publicLearningSearch;
  const edges = query.data?.pages.flatMap((p) => p.publicLearningSearch.edges) ?? [];
  return (
    <CommonsLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('commons.title')}</Title>
          <Text c="dimmed" maw={720}>
            {t('commons.intro')}
          </Text>
        </Stack>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: text.trim() || undefined });
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
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 3 }}>
            <Stack gap="md" component="aside" aria-label={t('commons.facets')}>
              {first && (
                <>
                  <Facet
                    name="kind"
                    title={t('commons.facet.kind')}
                    values={first.facets.kinds}
                    selected={params.kind}
                    label={(v) => t(`commons.kind.${v.value}`)}
                    onToggle={(v) => set({ kind: v as Search['kind'] })}
                  />
                  <Facet
                    name="tag"
                    title={t('commons.facet.tag')}
                    values={first.facets.tags}
                    selected={params.tag}
                    onToggle={(v) => set({ tag: v })}
                  />
                  <Facet
                    name="programme"
                    title={t('commons.facet.programme')}
                    values={first.facets.programmes}
                    selected={params.programme}
                    onToggle={(v) => set({ programme: v })}
                  />
                  <Facet
                    name="funder"
                    title={t('commons.facet.funder')}
                    values={first.facets.funders}
                    selected={params.funder}
                    onToggle={(v) => set({ funder: v })}
                  />
                  <Facet
                    name="year"
                    title={t('commons.facet.year')}
                    values={first.facets.years}
                    selected={params.year ? String(params.year) : undefined}
                    onToggle={(v) => set({ year: v ? Number(v) : undefined })}
                  />
                </>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 9 }}>
            <Stack gap="md" aria-busy={query.isFetching}>
              {query.isPending ? (
                <Loading />
              ) : query.isError ? (
                <ErrorState error={query.error} onRetry={() => void query.refetch()} />
              ) : (
                <>
                  <Text role="status" aria-live="polite" c="dimmed" size="sm">
                    {params.q
                      ? t('commons.found', { count: first?.totalCount ?? 0, q: params.q })
                      : t('commons.count', { count: first?.totalCount ?? 0 })}
                  </Text>
                  {edges.length === 0 ? (
                    <Empty>{t('commons.none')}</Empty>
                  ) : (
                    edges.map((e) => (
                      <LearningCard
                        key={e.node.id}
                        learning={e.node}
                        snippet={e.snippet}
                        to="commons"
                      />
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
          </Grid.Col>
        </Grid>
      </Stack>
    </CommonsLayout>
  );
}
