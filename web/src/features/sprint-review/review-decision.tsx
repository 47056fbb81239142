// The funder's side of a sprint review: the submitted version beside the one before, the thread,
// and the decision — accept (naming the tranche it releases and the sprint it opens) or request
// changes with a comment. Each decision form makes its idempotency key once, so a retry of the
// same press is answered with the first result.
import { Alert, Button, Grid, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { FormAlert } from '../../ui/form-alert';
import { notifyDone } from './notify';
import { Section } from '../../ui/section';
import { errorText } from '../../ui/states';
import { CommentThread } from './comment-thread';
import {
  DecideReviewMutation,
  type ReviewGrant,
  type ReviewSprint,
  type ReviewVersion,
} from './operations';
import { ReviewContentView } from './review-content';

function VersionColumn({
  grant,
  version,
  title,
  locale,
}: {
  grant: ReviewGrant;
  version: ReviewVersion;
  title: string;
  locale: string;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {t('reviewDecision.submittedBy', {
            name: version.submittedBy?.displayName ?? grant.grantee.name,
            at: formatDateTime(version.submittedAt, locale),
          })}
        </Text>
        <ReviewContentView grant={grant} version={version} locale={locale} />
      </Stack>
    </Paper>
  );
}

export function ReviewDecisionView({
  grant,
  sprint,
  canDecide,
}: {
  grant: ReviewGrant;
  sprint: ReviewSprint;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const review = sprint.review;
  if (!review || review.versions.length === 0)
    return (
      <Alert color="blue">{t('reviewDecision.notSubmitted', { name: grant.grantee.name })}</Alert>
    );
  const versions = review.versions;
  const current = versions[versions.length - 1];
  const previous = versions.length > 1 ? versions[versions.length - 2] : null;
  return (
    <Stack gap="lg">
      {review.status === 'SUBMITTED' && canDecide && (
        <DecisionForms grant={grant} sprint={sprint} />
      )}
      {review.status === 'SUBMITTED' && !canDecide && (
        <Alert color="blue">{t('reviewDecision.waitingForManager')}</Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: previous ? 6 : 8 }}>
          <VersionColumn
            grant={grant}
            version={current}
            locale={locale}
            title={t('reviewDecision.currentVersion', { number: current.number })}
          />
        </Grid.Col>
        {previous && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <VersionColumn
              grant={grant}
              version={previous}
              locale={locale}
              title={t('reviewDecision.previousVersion', { number: previous.number })}
            />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, md: previous ? 12 : 4 }}>
          <Section title={t('reviewDecision.threadTitle')}>
            <CommentThread grant={grant} review={review} />
          </Section>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function DecisionForms({ grant, sprint }: { grant: ReviewGrant; sprint: ReviewSprint }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const queryClient = useQueryClient();
  const review = sprint.review!;
  const latest = review.versions[review.versions.length - 1];
  const next = grant.sprints.find((s) => s.number === sprint.number + 1);
  const last = !next;
  const tranche = grant.tranches.find(
    (x) =>
      x.status === 'SCHEDULED' &&
      (last ? x.kind === 'HOLDBACK' : x.kind === 'SPRINT' && x.releasedBySprint === sprint.number),
  );
  const nextGoal = latest.content.nextSprint?.goal ?? next?.goal;
  const [acceptKey] = useState(() => crypto.randomUUID());
  const [changesKey] = useState(() => crypto.randomUUID());
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'ACCEPT' | 'REQUEST_CHANGES' | null>(null);
  const decide = async (decision: 'ACCEPT' | 'REQUEST_CHANGES') => {
    setError(null);
    setCommentError(undefined);
    if (decision === 'REQUEST_CHANGES' && !comment.trim()) {
      setCommentError(t('reviewDecision.commentRequired'));
      return;
    }
    setBusy(decision);
    try {
      await request(DecideReviewMutation, {
        input: {
          reviewId: review.id,
          decision,
          comment: comment.trim() || undefined,
          idempotencyKey: decision === 'ACCEPT' ? acceptKey : changesKey,
        },
      });
      notifyDone(
        decision === 'ACCEPT' ? t('reviewDecision.accepted') : t('reviewDecision.changesSent'),
        t('common.close'),
      );
      await queryClient.invalidateQueries({ queryKey: ['grant', grant.id] });
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title={t('reviewDecision.title')} description={t('reviewDecision.description')}>
      <FormAlert message={error} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="xs" data-testid="accept-consequences">
            <Title order={3} size="h5">
              {t('reviewDecision.acceptTitle')}
            </Title>
            <Text size="sm">
              {tranche
                ? t('reviewDecision.releases', {
                    number: tranche.number,
                    amount: formatMoney(tranche.amount.amount, grant.currency, locale),
                  })
                : t('reviewDecision.releasesNothing')}
            </Text>
            <Text size="sm">
              {next
                ? t('reviewDecision.opens', { number: next.number, goal: nextGoal })
                : t('reviewDecision.completes')}
            </Text>
            <Group>
              <Button
                color="teal"
                loading={busy === 'ACCEPT'}
                disabled={busy !== null}
                onClick={() => void decide('ACCEPT')}
              >
                {t('reviewDecision.accept')}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('reviewDecision.changesTitle')}
            </Title>
            <Textarea
              label={t('reviewDecision.comment')}
              description={t('reviewDecision.commentHint')}
              autosize
              minRows={3}
              value={comment}
              error={commentError}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <Group>
              <Button
                variant="default"
                loading={busy === 'REQUEST_CHANGES'}
                disabled={busy !== null}
                onClick={() => void decide('REQUEST_CHANGES')}
              >
                {t('reviewDecision.requestChanges')}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
    </Section>
  );
}
