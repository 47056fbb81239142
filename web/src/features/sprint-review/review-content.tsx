// A submitted version of a sprint review, read-only: what the funder decides on.
import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { LEARNING_COLOR } from '../grants/labels';
import type { ReviewGrant, ReviewVersion } from './operations';

const CONFIDENCE_COLOR: Record<string, string> = { GREEN: 'teal', AMBER: 'yellow', RED: 'red' };

export function ReviewContentView({
  grant,
  version,
  locale,
}: {
  grant: ReviewGrant;
  version: ReviewVersion;
  locale: string;
}) {
  const { t } = useTranslation();
  const c = version.content;
  const language = currentLanguage();
  const question = (key: string) => {
    const q = grant.programme.reviewTemplate.find((x) => x.key === key);
    return q ? (language === 'de' ? q.labelDe : q.labelEn) : key;
  };
  return (
    <Stack gap="sm">
      {c.summary && <Text size="sm">{c.summary}</Text>}
      <Title order={3} size="h5">
        {t('sprintReview.outcomesTitle')}
      </Title>
      <List size="sm" spacing={4}>
        {c.outcomes.map((o) => (
          <List.Item key={o.milestoneId}>
            <b>{o.milestoneTitle}</b>: {t(`sprintReview.outcome.${o.outcome}`)}
            {o.note ? ` — ${o.note}` : ''}
          </List.Item>
        ))}
      </List>
      <Title order={3} size="h5">
        {t('sprintReview.spendTitle')}
      </Title>
      <Table verticalSpacing={4}>
        <Table.Tbody>
          {c.spend.map((s) => (
            <Table.Tr key={s.lineId}>
              <Table.Th scope="row" fw={500}>
                {s.lineName}
              </Table.Th>
              <Table.Td ta="right">{formatMoney(s.amount.amount, grant.currency, locale)}</Table.Td>
              <Table.Td>{s.explanation}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {c.answers.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('sprintReview.questionsTitle')}
          </Title>
          <List size="sm" spacing={4}>
            {c.answers.map((a) => (
              <List.Item key={a.key}>
                <b>{question(a.key)}</b>: {a.text ?? a.choice ?? a.number}
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Title order={3} size="h5">
        {t('sprintReview.learningsTitle')}
      </Title>
      {c.learnings.map((l, i) => (
        <Stack key={i} gap={2}>
          <Group gap="xs">
            <Badge color={LEARNING_COLOR[l.kind]}>{t(`grant.learningKind.${l.kind}`)}</Badge>
            <Text size="sm" fw={600}>
              {l.title}
            </Text>
          </Group>
          <Text size="sm">
            {t('grant.learnings.tried')}: {l.tried}
          </Text>
          <Text size="sm">
            {t('grant.learnings.happened')}: {l.happened}
          </Text>
          <Text size="sm">
            {t('grant.learnings.learned')}: {l.learned}
          </Text>
          {l.tags.length > 0 && (
            <Text size="xs" c="dimmed">
              {l.tags.map((x) => `#${x}`).join(' ')}
            </Text>
          )}
        </Stack>
      ))}
      {c.nextSprint && (
        <>
          <Title order={3} size="h5">
            {t('reviewDecision.nextPlan')}
          </Title>
          <Text size="sm">{c.nextSprint.goal}</Text>
          <List size="sm">
            {c.nextSprint.milestones.map((m) => (
              <List.Item key={m}>{m}</List.Item>
            ))}
          </List>
          {version.planDiff?.changed && (
            <Stack gap={2}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {t('sprintReview.planChanges')}
                </Text>
                {version.planDiff.goalChanged && (
                  <Badge color="grape">{t('sprintReview.pivot')}</Badge>
                )}
              </Group>
              {version.planDiff.goalChanged && (
                <Text size="sm">
                  {t('sprintReview.goalBefore', { goal: version.planDiff.goalBefore })}
                </Text>
              )}
              {version.planDiff.milestonesRemoved.map((m) => (
                <Text key={`-${m}`} size="sm" c="red.9">
                  {t('sprintReview.milestoneRemoved', { milestone: m })}
                </Text>
              ))}
              {version.planDiff.milestonesAdded.map((m) => (
                <Text key={`+${m}`} size="sm" c="teal.9">
                  {t('sprintReview.milestoneAdded', { milestone: m })}
                </Text>
              ))}
            </Stack>
          )}
        </>
      )}
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('sprintReview.confidenceTitle')}:
        </Text>
        {c.confidence && (
          <Badge
            color={CONFIDENCE_COLOR[c.confidence]}
            c={c.confidence === 'AMBER' ? 'black' : undefined}
          >
            {t(`sprintReview.confidenceLevel.${c.confidence}`)}
          </Badge>
        )}
        <Text size="sm">{c.confidenceNote}</Text>
      </Group>
    </Stack>
  );
}
