// A public learning at its stable URL. The server sends its text in the HTML (for readers without
// JavaScript); the app shows the same learning and links to similar ones.
import { Anchor, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, createFileRoute } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../lib/client';
import { CommonsLayout } from '../features/learnings/commons-layout';
import { LearningArticle } from '../features/learnings/learning-article';
import { LearningQuery } from '../features/learnings/operations';
import { ErrorState, Loading } from '../ui/states';

export const Route = createFileRoute('/commons/$learningId')({ component: CommonsLearningPage });

function CommonsLearningPage() {
  const { t } = useTranslation();
  const { learningId } = Route.useParams();
  const query = useQuery({
    queryKey: ['commons', 'learning', learningId],
    queryFn: () => request(LearningQuery, { id: learningId }),
  });
  const title = query.data?.learning.title;
  useEffect(() => {
    if (title) document.title = `${title} – Meilenstein`;
  }, [title]);
  return (
    <CommonsLayout>
      <Stack gap="lg">
        <Anchor component={Link} to="/commons">
          {t('commons.back')}
        </Anchor>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState error={query.error} />
        ) : (
          <LearningArticle learning={query.data.learning} to="commons" />
        )}
      </Stack>
    </CommonsLayout>
  );
}
