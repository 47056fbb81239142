// When a grant has ended: what was awarded, released and spent, what went back to the programme
// and what is claimed back — and, for the funder's finance and managers, settling or waiving
// the refund claim.
import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { useAction } from '../../lib/use-action';
import { Figures } from './figures';
import { DecideRefundClaimMutation } from './operations';

export interface Settlement {
  awarded: number;
  released: number;
  spent: number;
  returned: number;
  claimed: number;
}

export interface Claim {
  id: string;
  status: string;
  amount: number;
  decisionReason: string | null;
}

export function CloseOut({
  grantId,
  status,
  currency,
  settlement,
  claim,
  canSettle,
  isGrantee,
}: {
  grantId: string;
  status: string;
  currency: string;
  settlement: Settlement;
  claim: Claim | null;
  canSettle: boolean;
  isGrantee: boolean;
}) {
  const { t } = useTranslation();
  const run = useAction([
    ['grantBudget', grantId],
    ['grantNotices', grantId],
    ['grantTranches', grantId],
  ]);
  const idempotency = useIdempotencyKey();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'SETTLE' | 'WAIVE') => {
    if (decision === 'WAIVE' && comment.trim().length < 3) {
      setError(t('closeOut.waiveNeedsReason'));
      return;
    }
    setError(null);
    const input = { claimId: claim!.id, decision, comment: comment.trim() || undefined } as const;
    const ok = await run(
      () =>
        request(DecideRefundClaimMutation, {
          input: { ...input, idempotencyKey: idempotency.keyFor(input) },
        }),
      t(`closeOut.decided.${decision}`),
    );
    if (ok) idempotency.done();
  };
  return (
    <Stack data-testid="close-out">
      <Text>{t(`closeOut.intro.${status}`)}</Text>
      <Figures
        currency={currency}
        testId="settlement"
        items={[
          { key: 'awarded', label: t('closeOut.awarded'), minor: settlement.awarded },
          { key: 'released', label: t('closeOut.released'), minor: settlement.released },
          { key: 'spent', label: t('closeOut.spent'), minor: settlement.spent },
          { key: 'returned', label: t('closeOut.returned'), minor: settlement.returned },
          { key: 'claimed', label: t('closeOut.claimed'), minor: settlement.claimed },
        ]}
      />
      {claim ? (
        <Stack gap="xs">
          <Group>
            <Text fw={600}>{t('closeOut.claim')}</Text>
            <Badge
              color={claim.status === 'OPEN' ? 'grape' : 'teal'}
              data-testid="refund-claim-status"
            >
              {t(`closeOut.claimStatus.${claim.status}`)}
            </Badge>
          </Group>
          {claim.status === 'OPEN' && isGrantee && (
            <Alert color="blue">{t('closeOut.granteeClaimHint')}</Alert>
          )}
          {claim.decisionReason && <Text size="sm">{claim.decisionReason}</Text>}
          {claim.status === 'OPEN' && canSettle && (
            <Stack gap="xs" maw={560}>
              <Textarea
                label={t('closeOut.comment')}
                description={t('closeOut.commentHint')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                error={error}
                autosize
                minRows={2}
              />
              <Group>
                <Button onClick={() => void decide('SETTLE')}>{t('closeOut.settle')}</Button>
                <Button variant="default" onClick={() => void decide('WAIVE')}>
                  {t('closeOut.waive')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('closeOut.noClaim')}
        </Text>
      )}
    </Stack>
  );
}
