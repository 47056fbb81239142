// What a grant of this programme means, in plain language: sprints, tranches and how far money
// may move between budget lines — the figures from the programme's own settings.
import { List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../../lib/graphql';
import { Section } from '../../ui/section';
import type { OpenCallQuery } from './operations';

type Call = ResultOf<typeof OpenCallQuery>['openCall'];

export function CallRules({ call }: { call: Call }) {
  const { t } = useTranslation();
  const tranche = call.tranchePolicy;
  const policy = call.reallocationPolicy;
  return (
    <Section title={t('calls.rulesTitle')} description={t('calls.rulesIntro')}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('calls.sprintsTitle')}
          </Title>
          <Text>
            {t('calls.sprintsText', {
              count: call.maxSprints,
              days: call.sprintLengthDays,
              weeks: Math.round(call.sprintLengthDays / 7),
            })}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('calls.tranchesTitle')}
          </Title>
          <List spacing={4}>
            <List.Item>{t('calls.trancheAward', { percent: tranche.awardSharePercent })}</List.Item>
            <List.Item>
              {tranche.releaseOnAcceptedReview
                ? t('calls.trancheReview')
                : t('calls.trancheByHand')}
            </List.Item>
            {tranche.finalHoldbackPercent > 0 && (
              <List.Item>
                {t('calls.trancheHoldback', { percent: tranche.finalHoldbackPercent })}
              </List.Item>
            )}
          </List>
        </Stack>
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('calls.toleranceTitle')}
          </Title>
          <Text>{t('calls.toleranceText', { percent: policy.tolerancePercent })}</Text>
          <Text size="sm" c="dimmed">
            {policy.approvalBeyondTolerance ? t('calls.beyondAsk') : t('calls.beyondNo')}
          </Text>
        </Stack>
      </Stack>
    </Section>
  );
}

export function CallCriteria({ call }: { call: Call }) {
  const { t } = useTranslation();
  const total = call.criteria.reduce((s, c) => s + c.weight, 0);
  return (
    <Section title={t('calls.criteriaTitle')} description={t('calls.criteriaIntro')}>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('calls.criterion')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('calls.weight')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {call.criteria.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td ta="right">
                {t('calls.weightValue', {
                  percent: total ? Math.round((c.weight * 100) / total) : 0,
                })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
