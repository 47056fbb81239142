// One learning in a list: kind, title (a link to its page), where it comes from — pseudonymised
// where the team chose so — a highlighted snippet and its tags.
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../ui/links';
import type { ResultOf } from '../../lib/graphql';
import { LearningCardFields } from './operations';

export const KIND_COLOR: Record<string, string> = {
  FAILURE: 'red',
  INSIGHT: 'blue',
  SURPRISE: 'grape',
};

type Card = ResultOf<typeof LearningCardFields>;

export function sourceLine(
  l: Card,
  t: (key: string, o?: Record<string, unknown>) => string,
): string {
  const s = l.source;
  if (s.authorKind === 'FUNDER')
    return t('commons.source.funder', { funder: s.funderName, programme: s.programmeTitle });
  if (s.named && s.authorName)
    return t('commons.source.named', {
      team: s.authorName,
      grant: s.grantTitle ?? '',
      programme: s.programmeTitle,
      funder: s.funderName,
    });
  return t('commons.source.pseudonymous', { programme: s.programmeTitle, funder: s.funderName });
}

export function LearningCard({
  learning,
  snippet,
  to,
}: {
  learning: Card;
  snippet?: readonly { text: string; highlighted: boolean }[];
  to: 'commons' | 'app';
}) {
  const { t } = useTranslation();
  const l = learning;
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`learning-${l.id}`}>
      <Stack gap={6}>
        <Group gap="xs">
          <Badge color={KIND_COLOR[l.kind]} variant="light">
            {t(`commons.kind.${l.kind}`)}
          </Badge>
          {l.helpfulCount > 0 && (
            <Text size="xs" c="dimmed">
              {t('commons.helpedCount', { count: l.helpfulCount })}
            </Text>
          )}
        </Group>
        <Text component="h2" fw={600} size="lg" id={`learning-${l.id}`}>
          {to === 'commons' ? (
            <AnchorLink to="/commons/$learningId" params={{ learningId: l.id }}>
              {l.title}
            </AnchorLink>
          ) : (
            <AnchorLink to="/learnings/$learningId" params={{ learningId: l.id }}>
              {l.title}
            </AnchorLink>
          )}
        </Text>
        <Text size="sm" c="dimmed">
          {sourceLine(l, t)}
          {l.sprintNumber ? ` · ${t('commons.sprint', { number: l.sprintNumber })}` : ''}
        </Text>
        {snippet && snippet.length > 0 && (
          <Text size="sm">
            {snippet.map((part, i) =>
              part.highlighted ? (
                <mark key={i}>{part.text}</mark>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </Text>
        )}
        {l.tags.length > 0 && (
          <Group gap={4} aria-label={t('commons.tags')}>
            {l.tags.map((tag) => (
              <Badge key={tag} variant="outline" color="gray" size="sm">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
