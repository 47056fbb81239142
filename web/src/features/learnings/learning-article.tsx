// A learning in full: what was tried, what happened, what was learned, where it comes from, its
// licence — the same content the server renders at /commons/<id> for readers without JavaScript.
import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import type { ResultOf } from '../../lib/graphql';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { KIND_COLOR, sourceLine } from './learning-card';
import { LearningQuery } from './operations';

type Full = NonNullable<ResultOf<typeof LearningQuery>['learning']>;

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((p, i) => (
        <Text key={i} style={{ whiteSpace: 'pre-line' }}>
          {p}
        </Text>
      ))}
    </>
  );
}

export function LearningArticle({ learning, to }: { learning: Full; to: 'commons' | 'app' }) {
  const { t } = useTranslation();
  const card = learning;
  return (
    <Stack gap="md" component="article" maw={760}>
      <Group gap="xs">
        <Badge color={KIND_COLOR[card.kind]} variant="light">
          {t(`commons.kind.${card.kind}`)}
        </Badge>
        {card.sprintNumber && (
          <Text size="sm" c="dimmed">
            {t('commons.sprint', { number: card.sprintNumber })}
          </Text>
        )}
      </Group>
      <Title order={1}>{card.title}</Title>
      <Text c="dimmed">{sourceLine(card, t)}</Text>
      <Title order={2} size="h4">
        {t('commons.tried')}
      </Title>
      <Paragraphs text={learning.tried} />
      <Title order={2} size="h4">
        {t('commons.happened')}
      </Title>
      <Paragraphs text={learning.happened} />
      <Title order={2} size="h4">
        {t('commons.learned')}
      </Title>
      <Paragraphs text={learning.learned} />
      {card.tags.length > 0 && (
        <Group gap={4} aria-label={t('commons.tags')}>
          {card.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray" size="sm">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
      <Text size="sm">
        {t('commons.licence')}:{' '}
        <Anchor href={learning.licenceInfo.url} rel="license" target="_blank">
          {learning.licenceInfo.name}
        </Anchor>{' '}
        · {formatDateTime(card.createdAt, formattingLocale())}
      </Text>
      {learning.similar.length > 0 && (
        <Stack gap={4} component="section" aria-labelledby="similar-title">
          <Title order={2} size="h4" id="similar-title">
            {t('commons.similar')}
          </Title>
          {learning.similar.map((s) =>
            to === 'commons' ? (
              <AnchorLink key={s.id} to="/commons/$learningId" params={{ learningId: s.id }}>
                {s.title}
              </AnchorLink>
            ) : (
              <AnchorLink key={s.id} to="/learnings/$learningId" params={{ learningId: s.id }}>
                {s.title}
              </AnchorLink>
            ),
          )}
        </Stack>
      )}
    </Stack>
  );
}
