// One application as the funder reviews it: the submitted version (and what changed between
// versions), budget lines, the first sprint plan, the reviewers' scores (once one has scored, as
// the API rules), the history, the scoring form and the manager's decision.
import { Alert, Badge, List, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { hasRole, useViewer } from '../../features/session/viewer';
import { DecisionForms } from '../../features/review/decision-forms';
import { ReviewApplicationQuery } from '../../features/review/operations';
import { ScoreForm } from '../../features/review/score-form';
import { ApplicationStatusBadge, formatScore } from '../../features/review/status';
import { VersionChanges } from '../../features/review/version-changes';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Attachments } from '../../features/attachments/attachments';

export const Route = createFileRoute('/_app/programmes/$programmeId/applications/$applicationId')({
  component: ReviewPage,
});

function Text2({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Title order={3} size="h5">
        {label}
      </Title>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{children || '–'}</Text>
    </Stack>
  );
}

function ReviewPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const viewer = useViewer();
  const { programmeId, applicationId } = Route.useParams();
  const { data } = useSuspenseQuery({
    queryKey: ['review-application', applicationId],
    queryFn: () => request(ReviewApplicationQuery, { applicationId, programmeId }),
  });
  const a = data.application;
  const currency = a.requestedAmount?.currency ?? a.programme.currency;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const manager = hasRole(viewer, 'OWNER', 'MANAGER');
  const mayScore = hasRole(viewer, 'OWNER', 'MANAGER', 'REVIEWER');
  const me = viewer.me.person?.id;
  const mine = a.reviews.find((r) => r.reviewerPersonId === me);
  const criterionName = (key: string) =>
    a.programme.criteria.find((c) => c.key === key)?.name ?? key;
  // Submissions and the last decision, in the order they happened.
  const history = [
    ...a.versions.map((v) => ({
      at: v.submittedAt,
      title: t('appReview.historySubmitted', { version: v.version }),
    })),
    ...(a.decidedAt && a.lastDecision
      ? [{ at: a.decidedAt, title: t(`appReview.lastDecision.${a.lastDecision}`) }]
      : []),
  ].sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
  const lineSum = a.budgetLines.reduce((s, l) => s + l.amount.amount, 0);

  return (
    <Page
      title={a.title}
      description={
        <Text component="span">
          {t('appReview.by', { grantee: a.grantee.name })} ·{' '}
          <AnchorLink to="/programmes/$programmeId/applications" params={{ programmeId }}>
            {t('appReview.backToInbox', { programme: a.programme.title })}
          </AnchorLink>
        </Text>
      }
    >
      <Section title={t('appReview.overview')}>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('appReview.state')}
            </Text>
            <div>
              <ApplicationStatusBadge status={a.status} />
            </div>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('appReview.requestedAmount')}
            </Text>
            <Text data-testid="requested-amount">
              {a.requestedAmount ? money(a.requestedAmount.amount) : '–'}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('appReview.weightedScore')}
            </Text>
            <Text data-testid="weighted-score">
              {a.weightedScore ? formatScore(a.weightedScore, locale) : t('appReview.noScore')}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('appReview.version')}
            </Text>
            <Text>
              {t('appReview.versionOf', {
                version: a.version,
                date: a.submittedAt ? formatDateTime(a.submittedAt, locale) : '–',
              })}
            </Text>
          </Stack>
        </SimpleGrid>
        {a.grant && (
          <Alert color="teal" title={t('appReview.grantCreated')}>
            <Text data-testid="grant-summary">
              {t('appReview.grantSummary', {
                reference: a.grant.reference,
                amount: formatMoney(
                  a.grant.awardedAmount.amount,
                  a.grant.awardedAmount.currency,
                  locale,
                ),
              })}
            </Text>
            <AnchorLink to="/grants/$grantId/budget" params={{ grantId: a.grant.id }}>
              {t('appReview.grantBudget')}
            </AnchorLink>
          </Alert>
        )}
        {a.decisionFeedback && a.lastDecision && (
          <Alert color="gray" title={t(`appReview.lastDecision.${a.lastDecision}`)}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{a.decisionFeedback}</Text>
          </Alert>
        )}
      </Section>

      <Section title={t('appReview.submitted')} description={t('appReview.submittedHint')}>
        <Text2 label={t('appReview.field.summary')}>{a.summary}</Text2>
        <Text2 label={t('appReview.field.problem')}>{a.problem}</Text2>
        <Text2 label={t('appReview.field.approach')}>{a.approach}</Text2>
        <Text2 label={t('appReview.contact')}>
          {a.contactName} {a.contactEmail && `<${a.contactEmail}>`}
        </Text2>
      </Section>

      {a.versions.length > 1 && (
        <Section title={t('appReview.changes')} description={t('appReview.changesHint')}>
          <VersionChanges versions={a.versions} currency={currency} />
        </Section>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('appReview.budgetLines')}>
          <Table aria-label={t('appReview.budgetLines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('decision.lineName')}</Table.Th>
                <Table.Th>{t('decision.lineCategory')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('decision.lineAmount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.budgetLines.map((l, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td>{t(`decision.category.${l.category}`)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{money(l.amount.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>{t('appReview.total')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{money(lineSum)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Section>
        <Section title={t('appReview.sprintPlan')}>
          <List type="ordered" spacing="sm">
            {a.sprintPlan.map((s, i) => (
              <List.Item key={i}>
                <Text fw={500}>{s.goal}</Text>
                {s.milestones.length > 0 && (
                  <List withPadding size="sm">
                    {s.milestones.map((m, j) => (
                      <List.Item key={j}>{m}</List.Item>
                    ))}
                  </List>
                )}
              </List.Item>
            ))}
          </List>
        </Section>
      </SimpleGrid>

      <Section title={t('attachments.applicationTitle')} description={t('attachments.readHint')}>
        <Attachments
          parentType="APPLICATION"
          parentId={a.id}
          label={t('attachments.applicationTitle')}
          canUpload={false}
        />
      </Section>

      <Section title={t('appReview.scores')}>
        {a.reviews.length === 0 ? (
          <Text c="dimmed">
            {mine || manager ? t('appReview.noScores') : t('appReview.scoresAfterYours')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t('appReview.scores')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('appReview.reviewer')}</Table.Th>
                  <Table.Th>{t('appReview.criterion')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('appReview.score')}</Table.Th>
                  <Table.Th>{t('appReview.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {a.reviews.flatMap((r) =>
                  r.scores.map((s, i) => (
                    <Table.Tr key={`${r.id}-${s.criterionKey}`}>
                      <Table.Td>
                        {i === 0 &&
                          (r.reviewerPersonId === me
                            ? t('appReview.you')
                            : (r.reviewer?.displayName ?? t('appReview.formerMember')))}
                      </Table.Td>
                      <Table.Td>{criterionName(s.criterionKey)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{s.score}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{s.comment}</Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      {mayScore && a.status === 'SUBMITTED' && (
        <Section
          title={mine ? t('scoring.titleAgain') : t('scoring.title')}
          description={t('scoring.hint')}
        >
          <ScoreForm
            key={mine?.submittedAt ?? 'new'}
            applicationId={a.id}
            criteria={a.programme.criteria}
            mine={mine?.scores}
          />
        </Section>
      )}

      {manager && a.status === 'SUBMITTED' && (
        <Section title={t('decision.title')} description={t('decision.hint')}>
          <DecisionForms
            key={`${a.version}-${a.status}`}
            ctx={{
              applicationId: a.id,
              programmeId,
              currency,
              requestedMinor: a.requestedAmount?.amount ?? 0,
              availableMinor: data.programmeBudget.available.amount,
              lines: a.budgetLines.map((l) => ({
                name: l.name,
                category: l.category,
                minor: l.amount.amount,
              })),
            }}
          />
        </Section>
      )}

      <Section title={t('appReview.history')}>
        <Timeline bulletSize={14} lineWidth={2} active={history.length - 1}>
          {history.map((event, i) => (
            <Timeline.Item key={i} title={event.title}>
              <Text size="sm" c="dimmed">
                {formatDateTime(event.at, locale)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        {a.status === 'WITHDRAWN' && <Badge color="gray">{t('inbox.status.WITHDRAWN')}</Badge>}
      </Section>
    </Page>
  );
}
