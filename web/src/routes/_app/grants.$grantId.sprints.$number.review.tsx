// A sprint's review. The grantee team writes it here (the editor); the funder reads the submitted
// version beside the previous one and decides. Both sides talk in the review's thread.
import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Attachments } from '../../features/attachments/attachments';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { hasRole, useViewer } from '../../features/session/viewer';
import { SPRINT_COLOR } from '../../features/grants/labels';
import { CommentThread } from '../../features/sprint-review/comment-thread';
import {
  ReviewPageQuery,
  type ReviewGrant,
  type ReviewSprint,
} from '../../features/sprint-review/operations';
import { ReviewContentView } from '../../features/sprint-review/review-content';
import { ReviewDecisionView } from '../../features/sprint-review/review-decision';
import { ReviewEditor } from '../../features/sprint-review/review-editor';
import { AnchorLink } from '../../ui/links';
import { NotFoundPage } from '../../ui/not-found-page';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

const reviewPageQuery = (grantId: string) => ({
  queryKey: ['grant', grantId, 'review-page'],
  queryFn: () => request(ReviewPageQuery, { grantId }),
});

export const Route = createFileRoute('/_app/grants/$grantId/sprints/$number/review')({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(reviewPageQuery(params.grantId)),
  component: SprintReviewPage,
});

function SprintReviewPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { grantId, number } = Route.useParams();
  const viewer = useViewer();
  const { data } = useSuspenseQuery(reviewPageQuery(grantId));
  const grant = data.grant;
  const sprint = grant.sprints.find((s) => String(s.number) === number);
  if (!sprint) return <NotFoundPage />;
  const funderSide = viewer.me.organization?.id === grant.funder.id;
  const review = sprint.review;
  const latest = review?.versions[review.versions.length - 1];
  const editable =
    !funderSide &&
    grant.status === 'ACTIVE' &&
    ['ACTIVE', 'REVIEW_DUE', 'CHANGES_REQUESTED'].includes(sprint.status);
  return (
    <Page
      title={t('sprintReview.title', { number: sprint.number })}
      description={
        <Stack gap={4} component="span">
          <Group gap="xs" component="span">
            <AnchorLink to="/grants/$grantId" params={{ grantId: grant.id }}>
              {grant.reference} · {grant.title}
            </AnchorLink>
            <Badge color={SPRINT_COLOR[sprint.status]} data-testid="sprint-status">
              {t(`grant.sprintStatus.${sprint.status}`)}
            </Badge>
          </Group>
          <Text component="span" size="sm">
            {formatLocalDate(sprint.startDate, locale)} – {formatLocalDate(sprint.endDate, locale)}{' '}
            · {t('sprintReview.goalWas', { goal: sprint.goal })}
          </Text>
        </Stack>
      }
    >
      {sprint.status === 'ACCEPTED' && <AcceptedSummary grant={grant} sprint={sprint} />}
      {funderSide ? (
        <ReviewDecisionView
          grant={grant}
          sprint={sprint}
          canDecide={hasRole(viewer, 'OWNER', 'MANAGER')}
        />
      ) : sprint.status === 'PLANNED' ? (
        <Alert color="blue">{t('sprintReview.notStarted')}</Alert>
      ) : editable ? (
        <ReviewEditor
          key={`${sprint.id}-${review?.submittedVersion ?? 0}`}
          grant={grant}
          sprint={sprint}
        />
      ) : (
        <Stack gap="lg">
          {sprint.status === 'IN_REVIEW' && (
            <Alert color="violet">
              {t('sprintReview.waitingForFunder', { name: grant.funder.name })}
            </Alert>
          )}
          {latest && (
            <Section title={t('reviewDecision.currentVersion', { number: latest.number })}>
              <ReviewContentView grant={grant} version={latest} locale={locale} />
            </Section>
          )}
          {review && (
            <Section title={t('reviewDecision.threadTitle')}>
              <CommentThread grant={grant} review={review} />
            </Section>
          )}
        </Stack>
      )}
      {review && (
        <Section
          title={t('attachments.reviewTitle')}
          description={t(funderSide ? 'attachments.readHint' : 'attachments.reviewHint')}
        >
          <Attachments
            parentType="SPRINT_REVIEW"
            parentId={review.id}
            label={t('attachments.reviewTitle')}
            canUpload={!funderSide && grant.status === 'ACTIVE'}
          />
        </Section>
      )}
    </Page>
  );
}

function AcceptedSummary({ grant, sprint }: { grant: ReviewGrant; sprint: ReviewSprint }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const next = grant.sprints.find((s) => s.number === sprint.number + 1);
  const released = grant.tranches.filter(
    (x) =>
      x.status === 'RELEASED' &&
      ((x.kind === 'SPRINT' && x.releasedBySprint === sprint.number) ||
        (!next && x.kind === 'HOLDBACK')),
  );
  return (
    <Alert color="teal" title={t('sprintReview.acceptedTitle')} data-testid="accepted-summary">
      <Stack gap={4}>
        {released.map((x) => (
          <Text key={x.id} size="sm">
            {t('sprintReview.trancheReleased', {
              number: x.number,
              amount: formatMoney(x.amount.amount, grant.currency, locale),
            })}
          </Text>
        ))}
        {next ? (
          <Group gap="xs">
            <AnchorLink
              to="/grants/$grantId/sprints/$number/review"
              params={{ grantId: grant.id, number: String(next.number) }}
              size="sm"
            >
              {t('grant.sprintN', { number: next.number })}
            </AnchorLink>
            <Badge size="sm" color={SPRINT_COLOR[next.status]}>
              {t(`grant.sprintStatus.${next.status}`)}
            </Badge>
            <Text size="sm" data-testid="next-goal">
              {next.goal}
            </Text>
          </Group>
        ) : (
          <Text size="sm">{t('sprintReview.grantCompleted')}</Text>
        )}
      </Stack>
    </Alert>
  );
}
