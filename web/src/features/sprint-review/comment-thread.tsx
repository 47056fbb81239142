// The review's conversation: the funder's decisions and both sides' comments in order, and a
// field to add one.
import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { FormAlert } from '../../ui/form-alert';
import { errorText } from '../../ui/states';
import { CommentMutation, type Review, type ReviewGrant } from './operations';

export function CommentThread({ grant, review }: { grant: ReviewGrant; review: Review }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A decision's comment is also written to the thread: it shows once, marked with the decision.
  const entries = review.comments.nodes.map((c) => ({
    id: c.id,
    at: c.createdAt,
    who: c.author?.displayName ?? c.organization.name,
    side: c.organization.name,
    version: c.version,
    body: c.body,
    decision: null as string | null,
  }));
  for (const d of review.decisions) {
    const same = entries.find(
      (e) => !e.decision && e.version === d.version && e.body === d.comment,
    );
    if (same) same.decision = d.decision;
    else
      entries.push({
        id: d.id,
        at: d.createdAt,
        who: d.decidedBy?.displayName ?? grant.funder.name,
        side: grant.funder.name,
        version: d.version,
        body: d.comment,
        decision: d.decision,
      });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at));
  const send = async () => {
    if (!body.trim()) {
      setError(t('reviewDecision.commentEmpty'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await request(CommentMutation, { input: { reviewId: review.id, body: body.trim() } });
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['grant', grant.id] });
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" data-testid="comment-thread">
      {entries.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reviewDecision.noComments')}
        </Text>
      )}
      {entries.map((e) => (
        <Paper key={e.id} withBorder p="xs" radius="sm" component="article">
          <Group gap={6} mb={4}>
            <Text size="xs" fw={600}>
              {e.who}
            </Text>
            <Text size="xs" c="dimmed">
              {e.side} · {formatDateTime(e.at, locale)} ·{' '}
              {t('reviewDecision.versionN', { number: e.version })}
            </Text>
            {e.decision && (
              <Badge size="xs" color={e.decision === 'ACCEPT' ? 'teal' : 'grape'}>
                {t(`reviewDecision.decision.${e.decision}`)}
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {e.body}
          </Text>
        </Paper>
      ))}
      {review.submittedVersion > 0 && (
        <Stack gap="xs">
          <FormAlert message={error} />
          <Textarea
            label={t('reviewDecision.newComment')}
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <Group>
            <Button variant="light" loading={busy} onClick={() => void send()}>
              {t('reviewDecision.sendComment')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
