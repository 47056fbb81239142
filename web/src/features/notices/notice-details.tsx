// One change notice as both sides read it, and the funder's answer to it: a delay is approved or
// rejected (approving moves the dates shown), every other notice is acknowledged.
import { Alert, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime, formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { useAction } from '../../lib/use-action';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { DecideChangeNoticeMutation } from './operations';

export const NOTICE_STATUS_COLOR: Record<string, string> = {
  OPEN: 'grape',
  ACKNOWLEDGED: 'teal',
  APPROVED: 'teal',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
};

export interface NoticeView {
  id: string;
  kind: string;
  status: string;
  description: string;
  createdAt: string;
  decidedAt?: string | null;
  decisionComment?: string | null;
  requestedEndDate?: string | null;
  previousEndDate?: string | null;
  otherFundingSource?: string | null;
  otherFundingAmount?: { amount: number; currency: string } | null;
  filedBy?: { displayName: string } | null;
  decidedBy?: { displayName: string } | null;
  sprint?: { number: number } | null;
}

/** Whole days from one calendar day to another, counted on the calendar (no time zones). */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number);
    return Date.UTC(y, m - 1, dd) / 86_400_000;
  };
  return day(to) - day(from);
}

export function NoticeDetails({ notice }: { notice: NoticeView }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const rows: [string, string][] = [
    [t('notices.kindLabel'), t(`notices.kind.${notice.kind}`)],
    [t('notices.statusLabel'), t(`notices.status.${notice.status}`)],
    [
      t('notices.filed'),
      t('notices.filedBy', {
        when: formatDateTime(notice.createdAt, locale),
        who: notice.filedBy?.displayName ?? t('reallocation.someone'),
      }),
    ],
  ];
  if (notice.sprint)
    rows.push([t('notices.sprint'), t('notices.sprintNumber', { number: notice.sprint.number })]);
  if (notice.kind === 'DELAY' && notice.previousEndDate && notice.requestedEndDate)
    rows.push([
      t('notices.delayMoves'),
      t('notices.delayDates', {
        from: formatLocalDate(notice.previousEndDate, locale),
        to: formatLocalDate(notice.requestedEndDate, locale),
        count: daysBetween(notice.previousEndDate, notice.requestedEndDate),
      }),
    ]);
  if (notice.otherFundingSource) rows.push([t('notices.fundingSource'), notice.otherFundingSource]);
  if (notice.otherFundingAmount)
    rows.push([
      t('notices.fundingAmount'),
      formatMoney(notice.otherFundingAmount.amount, notice.otherFundingAmount.currency, locale),
    ]);
  if (notice.decidedAt)
    rows.push([
      t('notices.answered'),
      t('notices.filedBy', {
        when: formatDateTime(notice.decidedAt, locale),
        who: notice.decidedBy?.displayName ?? t('reallocation.someone'),
      }),
    ]);
  if (notice.decisionComment) rows.push([t('notices.funderComment'), notice.decisionComment]);
  return (
    <Stack>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{notice.description}</Text>
      <Table variant="vertical" withTableBorder maw={720} data-testid="notice-details">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={220}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {notice.kind === 'DELAY' && notice.status === 'OPEN' && (
        <Text size="sm" c="dimmed">
          {t('notices.delayExplained')}
        </Text>
      )}
    </Stack>
  );
}

export function AnswerNotice({ grantId, notice }: { grantId: string; notice: NoticeView }) {
  const { t } = useTranslation();
  const run = useAction([
    ['grantNotices', grantId],
    ['grantBudget', grantId],
  ]);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const idempotency = useIdempotencyKey();
  const decisions =
    notice.kind === 'DELAY' ? (['APPROVE', 'REJECT'] as const) : (['ACKNOWLEDGE'] as const);
  const decide = async (decision: 'APPROVE' | 'REJECT' | 'ACKNOWLEDGE') => {
    if (decision === 'REJECT' && comment.trim().length === 0) {
      setError(t('notices.rejectNeedsComment'));
      return;
    }
    setError(null);
    setBusy(decision);
    const input = { noticeId: notice.id, decision, comment: comment.trim() || undefined };
    // The same key for a retry of the same answer (a double click, a lost response): the API
    // then answers as the first time rather than ALREADY_DECIDED.
    const ok = await run(
      () =>
        request(DecideChangeNoticeMutation, {
          input: { ...input, idempotencyKey: idempotency.keyFor(input) },
        }),
      t(`notices.decided.${decision}`),
    );
    if (ok) idempotency.done();
    setBusy(null);
  };
  return (
    <Stack maw={640}>
      {notice.kind === 'STOP' && <Alert color="blue">{t('notices.stopAnswerHint')}</Alert>}
      <Textarea
        label={t('notices.comment')}
        description={t('notices.commentHint')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={error}
        autosize
        minRows={3}
      />
      <Group>
        {decisions.map((d, i) => (
          <Button
            key={d}
            variant={i === 0 ? 'filled' : 'default'}
            loading={busy === d}
            onClick={() => void decide(d)}
          >
            {t(`notices.decision.${d}`)}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
