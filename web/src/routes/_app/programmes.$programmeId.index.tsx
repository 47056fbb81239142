// One programme: where it stands, the moves allowed now, and its settings at a glance, with the
// way to its editor, its applications and its money.
import { Button, Group, List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { currentLanguage, formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { useAction } from '../../lib/use-action';
import {
  ChangeProgrammeStatusMutation,
  ProgrammeQuery,
} from '../../features/programmes/operations';
import {
  PROGRAMME_MOVES,
  ProgrammeStatusBadge,
  type ProgrammeStatus,
} from '../../features/programmes/status';
import { ButtonLink } from '../../features/programmes/button-link';
import { hasRole, useViewer } from '../../features/session/viewer';
import { ProgrammeOpenData } from '../../features/opendata/programme-open-data';
import { ConfirmButton } from '../../ui/confirm-button';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

export const Route = createFileRoute('/_app/programmes/$programmeId/')({
  component: ProgrammePage,
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{children}</Text>
    </Stack>
  );
}

function ProgrammePage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const viewer = useViewer();
  const { programmeId } = Route.useParams();
  const { data } = useSuspenseQuery({
    queryKey: ['programme', programmeId],
    queryFn: () => request(ProgrammeQuery, { programmeId }),
  });
  const run = useAction([['programme', programmeId], ['programmes']]);
  const p = data.programme;
  const manager = hasRole(viewer, 'OWNER', 'MANAGER');
  const moves = manager ? PROGRAMME_MOVES[p.status] : [];
  const move = (to: ProgrammeStatus) =>
    run(
      () => request(ChangeProgrammeStatusMutation, { programmeId, status: to }),
      t(`programmes.moved.${to}`),
    );
  const moveLabel = (to: ProgrammeStatus) =>
    t(`programmes.move.${p.status === 'CLOSED' && to === 'OPEN' ? 'REOPEN' : to}`);
  const german = currentLanguage() === 'de';
  return (
    <Page
      title={p.title}
      description={
        <Group gap="xs" component="span">
          <Text component="span">{t('programmes.stateIs')}</Text>
          <ProgrammeStatusBadge status={p.status} />
        </Group>
      }
      actions={
        manager &&
        p.status !== 'ARCHIVED' && (
          <ButtonLink variant="default" to="/programmes/$programmeId/edit" params={{ programmeId }}>
            {t('programmes.edit')}
          </ButtonLink>
        )
      }
    >
      <Section
        title={t('programmes.stateTitle')}
        description={t(`programmes.stateHint.${p.status}`)}
      >
        <Group>
          {moves.map((to) =>
            to === 'ARCHIVED' ? (
              <ConfirmButton
                key={to}
                variant="light"
                color="red"
                title={t('programmes.archiveTitle')}
                message={t('programmes.archiveMessage')}
                confirmLabel={moveLabel(to)}
                onConfirm={() => move(to)}
              >
                {moveLabel(to)}
              </ConfirmButton>
            ) : (
              <Button key={to} onClick={() => void move(to)}>
                {moveLabel(to)}
              </Button>
            ),
          )}
          <ButtonLink
            variant="light"
            to="/programmes/$programmeId/applications"
            params={{ programmeId }}
          >
            {t('programmes.applications', { count: p.applications.totalCount })}
          </ButtonLink>
          <ButtonLink
            variant="light"
            to="/programmes/$programmeId/portfolio"
            params={{ programmeId }}
          >
            {t('programmes.portfolio')}
          </ButtonLink>
        </Group>
      </Section>

      <Section title={t('programmeEditor.basics')}>
        {p.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t('programmeEditor.totalBudget')}>
            {formatMoney(p.totalBudget.amount, p.totalBudget.currency, locale)}
          </Fact>
          <Fact label={t('programmes.callWindow')}>
            {p.callOpensAt && p.callClosesAt
              ? t('programmes.window', {
                  from: formatDateTime(p.callOpensAt, locale),
                  to: formatDateTime(p.callClosesAt, locale),
                })
              : t('programmes.noWindow')}
          </Fact>
          <Fact label={t('programmeEditor.timeZone')}>{p.timeZone}</Fact>
          <Fact label={t('programmeEditor.sprintLengthDays')}>
            {t('programmes.days', { count: p.sprintLengthDays })}
          </Fact>
          <Fact label={t('programmeEditor.maxSprints')}>{p.maxSprints}</Fact>
          <Fact label={t('programmeEditor.learningVisibility')}>
            {t(`programmeEditor.visibility.${p.learningVisibilityDefault}`)}
          </Fact>
        </SimpleGrid>
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('programmeEditor.criteria')}>
          {p.criteria.length === 0 ? (
            <Text c="dimmed">{t('programmes.noCriteria')}</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('programmes.criterion')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('programmes.weight')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.criteria.map((c) => (
                  <Table.Tr key={c.key}>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{c.weight}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
        <Section title={t('programmeEditor.reviewTemplate')}>
          {p.reviewTemplate.length === 0 ? (
            <Text c="dimmed">{t('programmes.noQuestions')}</Text>
          ) : (
            <List type="ordered" spacing="xs">
              {p.reviewTemplate.map((q) => (
                <List.Item key={q.key}>
                  {german ? q.labelDe : q.labelEn}{' '}
                  <Text component="span" size="sm" c="dimmed">
                    ({t(`programmeEditor.questionType.${q.type}`)},{' '}
                    {q.required ? t('programmes.requiredAnswer') : t('programmes.optionalAnswer')})
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      </SimpleGrid>

      <Section title={t('programmes.moneyRules')}>
        <List spacing="xs">
          <List.Item>
            {t('programmes.toleranceRule', { percent: p.reallocationPolicy.tolerancePercent })}
          </List.Item>
          <List.Item>
            {t('programmes.trancheRule', {
              award: p.tranchePolicy.awardSharePercent,
              holdback: p.tranchePolicy.finalHoldbackPercent,
            })}{' '}
            {p.tranchePolicy.releaseOnAcceptedReview ? t('programmes.releaseOnReview') : ''}
          </List.Item>
          <List.Item>
            {t('programmes.reminderRule', {
              before: p.reminderPolicy.daysBeforeDue.join(', '),
              after: p.reminderPolicy.daysAfterDue.join(', '),
              wait: p.reminderPolicy.decisionWaitDays,
            })}
          </List.Item>
        </List>
      </Section>

      {viewer.me.organization?.kind === 'FUNDER' && (
        <ProgrammeOpenData
          programmeId={programmeId}
          grants={data.grants.nodes}
          canPublish={manager}
        />
      )}
    </Page>
  );
}
