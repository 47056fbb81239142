// Moves beyond the tolerance that wait for the funder. The funder's managers see each with the two
// lines before and after and approve it, or reject it with a comment; the team sees that it waits.
import { Badge, Button, Group, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { formatMoney } from '../../lib/money';
import { useAction } from '../../lib/use-action';
import { Empty } from '../../ui/states';
import { DecideReallocationMutation } from './operations';

interface Line {
  id: string;
  name: string;
  original: number;
  allocated: number;
}

interface Pending {
  id: string;
  reason: string;
  createdAt: string;
  amount: number;
  fromLineId: string;
  toLineId: string;
  requestedBy: string | null;
}

export function PendingReallocations({
  grantId,
  currency,
  lines,
  pending,
  canDecide,
  tolerancePercent,
}: {
  grantId: string;
  currency: string;
  lines: Line[];
  pending: Pending[];
  canDecide: boolean;
  tolerancePercent: number;
}) {
  const { t } = useTranslation();
  if (pending.length === 0) return <Empty>{t('reallocation.noneWaiting')}</Empty>;
  return (
    <Stack>
      {pending.map((p) => (
        <PendingMove
          key={p.id}
          grantId={grantId}
          currency={currency}
          lines={lines}
          move={p}
          canDecide={canDecide}
          tolerancePercent={tolerancePercent}
        />
      ))}
    </Stack>
  );
}

function PendingMove({
  grantId,
  currency,
  lines,
  move,
  canDecide,
  tolerancePercent,
}: {
  grantId: string;
  currency: string;
  lines: Line[];
  move: Pending;
  canDecide: boolean;
  tolerancePercent: number;
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const fmt = (minor: number) => formatMoney(minor, currency, locale);
  const run = useAction([['grantBudget', grantId]]);
  const idempotency = useIdempotencyKey();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const from = lines.find((l) => l.id === move.fromLineId);
  const to = lines.find((l) => l.id === move.toLineId);
  // Display only: the figures as they stand and as they would be; the API re-checks on approval.
  const rows = [
    from && { line: from, after: from.allocated - move.amount },
    to && { line: to, after: to.allocated + move.amount },
  ].filter((r): r is { line: Line; after: number } => !!r);
  const decide = async (decision: 'APPROVE' | 'REJECT') => {
    if (decision === 'REJECT' && comment.trim().length === 0) {
      setCommentError(t('reallocation.rejectNeedsComment'));
      return;
    }
    setCommentError(null);
    setBusy(decision);
    const input = {
      reallocationId: move.id,
      decision,
      comment: comment.trim() || undefined,
    } as const;
    const ok = await run(
      () =>
        request(DecideReallocationMutation, {
          input: { ...input, idempotencyKey: idempotency.keyFor(input) },
        }),
      decision === 'APPROVE' ? t('reallocation.approved') : t('reallocation.rejected'),
    );
    if (ok) idempotency.done();
    setBusy(null);
  };
  const title = t('reallocation.pendingTitle', {
    amount: fmt(move.amount),
    from: from?.name ?? '',
    to: to?.name ?? '',
  });
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="article"
      aria-label={title}
      data-testid="pending-reallocation"
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{title}</Text>
          <Badge color="grape">{t('reallocation.status.PENDING')}</Badge>
        </Group>
        <Text size="sm">
          {t('reallocation.requestedBy', {
            who: move.requestedBy ?? t('reallocation.someone'),
            when: formatDateTime(move.createdAt, locale),
          })}
        </Text>
        <Text size="sm" fs="italic">
          {move.reason}
        </Text>
        <Table withTableBorder fz="sm" maw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('budget.line')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('budget.original')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('reallocation.before')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('reallocation.after')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('budget.deviation')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ line, after }) => (
              <Table.Tr key={line.id}>
                <Table.Th scope="row">{line.name}</Table.Th>
                <Table.Td ta="right">{fmt(line.original)}</Table.Td>
                <Table.Td ta="right">{fmt(line.allocated)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {fmt(after)}
                </Table.Td>
                <Table.Td ta="right">
                  {percentOf(after - line.original, line.original, locale)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          {t('reallocation.beyondExplained', { percent: tolerancePercent })}
        </Text>
        {canDecide ? (
          <Stack gap="xs" maw={560}>
            <Textarea
              label={t('reallocation.comment')}
              description={t('reallocation.commentHint')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              error={commentError}
              autosize
              minRows={2}
            />
            <Group>
              <Button loading={busy === 'APPROVE'} onClick={() => void decide('APPROVE')}>
                {t('reallocation.approve')}
              </Button>
              <Button
                variant="default"
                loading={busy === 'REJECT'}
                onClick={() => void decide('REJECT')}
              >
                {t('reallocation.reject')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Text size="sm">{t('reallocation.waitsForFunder')}</Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * A change against the plan as a percentage, exact enough for display ("+20,0 %"), with a no-break
 * space before the "%".
 */
function percentOf(change: number, original: number, locale: string): string {
  if (original === 0) return '—';
  // Tenths of a percent in integers (truncated), then shown with one decimal place.
  const tenths = Number((BigInt(change) * 1000n) / BigInt(original));
  return `${tenths > 0 ? '+' : ''}${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(tenths / 10)}\u00a0%`;
}
