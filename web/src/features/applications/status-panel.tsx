// Where an application stands, for the team that wrote it: its status in words, the funder's
// feedback, and after approval the grant in brief (reference, amount, sprints, tranche schedule)
// with the way to its page.
import { Alert, Anchor, Badge, Blockquote, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import type { ResultOf } from '../../lib/graphql';
import { Section } from '../../ui/section';
import type { ApplicationQuery } from './operations';

type Application = NonNullable<ResultOf<typeof ApplicationQuery>['application']>;

const STATUS_COLOR: Record<string, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  INFO_REQUESTED: 'orange',
  APPROVED: 'teal',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status] ?? 'gray'}
      variant="light"
      size="lg"
      // The light shades' own text colours fall below WCAG AA for orange and teal; dark text reads.
      styles={{ label: { color: 'var(--mantine-color-dark-8)' } }}
    >
      {t(`applications.status.${status}`)}
    </Badge>
  );
}

export function StatusPanel({ application }: { application: Application }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { status } = application;
  return (
    <Section title={t('applications.statusTitle')}>
      <Stack gap="sm" data-testid="application-status">
        <Text>{t(`applications.statusText.${status}`)}</Text>
        {application.submittedAt && (
          <Text size="sm" c="dimmed">
            {t('applications.submittedAt', {
              version: application.version,
              when: formatDateTime(application.submittedAt, locale),
            })}
          </Text>
        )}
        {application.decisionFeedback && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {status === 'INFO_REQUESTED'
                ? t('applications.questionsTitle')
                : t('applications.feedbackTitle')}
            </Title>
            <Blockquote
              color={STATUS_COLOR[status] ?? 'gray'}
              p="md"
              data-testid="decision-feedback"
            >
              <Text style={{ whiteSpace: 'pre-wrap' }}>{application.decisionFeedback}</Text>
              {application.decidedAt && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t('applications.decidedAt', {
                    funder: application.programme.funder.name,
                    when: formatDateTime(application.decidedAt, locale),
                  })}
                </Text>
              )}
            </Blockquote>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

export function GrantSummary({ application }: { application: Application }) {
  const { t } = useTranslation();
  const grant = application.grant;
  if (!grant) return null;
  const locale = formattingLocale();
  const money = (m: { amount: number; currency: string }) =>
    formatMoney(m.amount, m.currency, locale);
  const requested = application.requestedAmount;
  return (
    <Section title={t('applications.grantTitle')} description={t('applications.grantHint')}>
      <Stack gap="md" data-testid="grant-summary">
        <Table variant="vertical" withTableBorder layout="fixed">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={220}>{t('applications.grant.reference')}</Table.Th>
              <Table.Td data-testid="grant-reference">{grant.reference}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('applications.grant.awarded')}</Table.Th>
              <Table.Td data-testid="grant-awarded">{money(grant.awardedAmount)}</Table.Td>
            </Table.Tr>
            {requested && requested.amount !== grant.awardedAmount.amount && (
              <Table.Tr>
                <Table.Th>{t('applications.grant.requested')}</Table.Th>
                <Table.Td>{money(requested)}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>{t('applications.grant.period')}</Table.Th>
              <Table.Td>
                {t('applications.grant.periodValue', {
                  from: formatLocalDate(grant.startDate, locale),
                  to: formatLocalDate(grant.endDate, locale),
                })}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>

        <Title order={3} size="h5">
          {t('applications.grant.sprints', { count: grant.sprints.length })}
        </Title>
        <Table striped withTableBorder data-testid="grant-sprints">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('applications.grant.sprint')}</Table.Th>
              <Table.Th scope="col">{t('applications.grant.dates')}</Table.Th>
              <Table.Th scope="col">{t('applications.grant.goal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grant.sprints.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.number}</Table.Td>
                <Table.Td>
                  {t('applications.grant.periodValue', {
                    from: formatLocalDate(s.startDate, locale),
                    to: formatLocalDate(s.endDate, locale),
                  })}
                </Table.Td>
                <Table.Td>{s.goal}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        <Title order={3} size="h5">
          {t('applications.grant.tranches')}
        </Title>
        <Table striped withTableBorder data-testid="grant-tranches">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('applications.grant.tranche')}</Table.Th>
              <Table.Th scope="col">{t('applications.grant.when')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('applications.grant.amount')}
              </Table.Th>
              <Table.Th scope="col">{t('applications.grant.trancheStatus')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grant.tranches.map((tr) => (
              <Table.Tr key={tr.id}>
                <Table.Td>{tr.number}</Table.Td>
                <Table.Td>
                  {t(`applications.trancheKind.${tr.kind}`, { sprint: tr.releasedBySprint ?? '' })}
                </Table.Td>
                <Table.Td ta="right">{money(tr.amount)}</Table.Td>
                <Table.Td>{t(`applications.trancheStatus.${tr.status}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        <Alert color="teal" variant="light">
          <Anchor href={`/grants/${grant.id}`} fw={600}>
            {t('applications.grant.open', { reference: grant.reference })}{' '}
            <IconArrowRight size={14} aria-hidden style={{ verticalAlign: 'middle' }} />
          </Anchor>
        </Alert>
      </Stack>
    </Section>
  );
}

/** The submitted content, read-only, for statuses where nothing can be edited. */
export function SubmittedContent({ application }: { application: Application }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const money = (m: { amount: number; currency: string }) =>
    formatMoney(m.amount, m.currency, locale);
  const field = (label: string, value: string) => (
    <Stack gap={2}>
      <Text fw={600} size="sm">
        {label}
      </Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{value || '—'}</Text>
    </Stack>
  );
  return (
    <Section title={t('applications.contentTitle')}>
      <Stack gap="md">
        {field(t('draft.fields.summary'), application.summary)}
        {field(t('draft.fields.problem'), application.problem)}
        {field(t('draft.fields.approach'), application.approach)}
        {field(
          t('draft.fields.contactName'),
          `${application.contactName} · ${application.contactEmail}`,
        )}
        {field(
          t('draft.fields.requestedAmount'),
          application.requestedAmount ? money(application.requestedAmount) : '',
        )}
        <Table withTableBorder captionSide="top">
          <Table.Caption>{t('draft.money')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('draft.fields.category')}</Table.Th>
              <Table.Th scope="col">{t('draft.fields.lineName')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('draft.fields.lineAmount')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {application.budgetLines.map((l, i) => (
              <Table.Tr key={i}>
                <Table.Td>{t(`draft.category.${l.category}`)}</Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td ta="right">{money(l.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {application.sprintPlan.map((s, i) => (
          <Stack key={i} gap={2}>
            <Text fw={600} size="sm">
              {t('draft.sprintLegend', { number: i + 1 })}
            </Text>
            <Text>{s.goal}</Text>
            <Text size="sm" c="dimmed">
              {s.milestones.join(' · ')}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}
