// A grant's tranches for the funder's finance and managers (the "tranche released" email links
// to the budget; this is the schedule behind it): what is paid, what waits, what was cancelled,
// and releasing a scheduled tranche by hand — once; the holdback only after the final review.
// When the API refuses a release, its words stand beside the tranche.
import { Alert, Badge, Stack, Table, Text } from '@mantine/core';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Figures } from '../../features/budget/figures';
import { useGrantSide } from '../../features/budget/grant-side';
import { GrantMoneyNav } from '../../features/budget/money-nav';
import { GrantTranchesQuery, ReleaseTrancheMutation } from '../../features/tranches/operations';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { formatMoney } from '../../lib/money';
import { ConfirmButton } from '../../ui/confirm-button';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { errorText } from '../../ui/states';

export const Route = createFileRoute('/_app/grants/$grantId/tranches')({ component: TranchesPage });

const STATUS_COLOR: Record<string, string> = {
  RELEASED: 'teal',
  SCHEDULED: 'blue',
  CANCELLED: 'gray',
};

function TranchesPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { grantId } = Route.useParams();
  const side = useGrantSide();
  const { data } = useSuspenseQuery({
    queryKey: ['grantTranches', grantId],
    queryFn: () => request(GrantTranchesQuery, { grantId }),
  });
  const { grant } = data;
  const fmt = (minor: number) => formatMoney(minor, grant.currency, locale);
  const sum = (status: string) =>
    grant.tranches.filter((tr) => tr.status === status).reduce((s, tr) => s + tr.amount.amount, 0);
  return (
    <Page
      title={t('tranches.title')}
      description={t('budget.description', { reference: grant.reference, title: grant.title })}
    >
      <GrantMoneyNav grantId={grantId} />
      <Section title={t('tranches.overview')}>
        <Figures
          currency={grant.currency}
          items={[
            { key: 'released', label: t('tranches.released'), minor: sum('RELEASED') },
            { key: 'scheduled', label: t('tranches.scheduled'), minor: sum('SCHEDULED') },
            { key: 'cancelled', label: t('tranches.cancelled'), minor: sum('CANCELLED') },
          ]}
        />
      </Section>
      <Section title={t('tranches.schedule')} description={t('tranches.scheduleHint')}>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="tranches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tranches.number')}</Table.Th>
                <Table.Th scope="col">{t('tranches.kindLabel')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('tranches.amount')}
                </Table.Th>
                <Table.Th scope="col">{t('tranches.statusLabel')}</Table.Th>
                {side.canRelease && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grant.tranches.map((tr) => (
                <Table.Tr
                  key={tr.id}
                  data-tranche={tr.id}
                  data-kind={tr.kind}
                  data-status={tr.status}
                >
                  <Table.Th scope="row">{tr.number}</Table.Th>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">{t(`tranches.kind.${tr.kind}`)}</Text>
                      {tr.releasedBySprint !== null && tr.releasedBySprint !== undefined && (
                        <Text size="xs" c="dimmed">
                          {t('tranches.bySprint', { number: tr.releasedBySprint })}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td ta="right">{fmt(tr.amount.amount)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Stack gap={2} align="flex-start">
                      <Badge color={STATUS_COLOR[tr.status] ?? 'gray'}>
                        {t(`tranches.status.${tr.status}`)}
                      </Badge>
                      {tr.releasedAt && (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(tr.releasedAt, locale)}
                        </Text>
                      )}
                      {tr.cancelledAt && (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(tr.cancelledAt, locale)}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  {side.canRelease && (
                    <Table.Td>
                      {tr.status === 'SCHEDULED' && (
                        <ReleaseButton
                          grantId={grantId}
                          trancheId={tr.id}
                          label={t('tranches.releaseOne', {
                            number: tr.number,
                            amount: fmt(tr.amount.amount),
                          })}
                          holdback={tr.kind === 'HOLDBACK'}
                        />
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
    </Page>
  );
}

function ReleaseButton({
  grantId,
  trancheId,
  label,
  holdback,
}: {
  grantId: string;
  trancheId: string;
  label: string;
  holdback: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [refusal, setRefusal] = useState<string | null>(null);
  return (
    <Stack gap={4} align="flex-start">
      <ConfirmButton
        size="xs"
        variant="light"
        aria-label={label}
        title={t('tranches.confirmTitle')}
        message={holdback ? t('tranches.confirmHoldback') : t('tranches.confirmBody')}
        confirmLabel={t('tranches.release')}
        onConfirm={async () => {
          setRefusal(null);
          const input = { trancheId };
          try {
            await request(ReleaseTrancheMutation, {
              input: { ...input, idempotencyKey: idempotency.keyFor(input) },
            });
            idempotency.done();
            notifySuccess(t('tranches.releasedNow'));
          } catch (error) {
            setRefusal(errorText(error, t));
          }
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: ['grantTranches', grantId] }),
            queryClient.invalidateQueries({ queryKey: ['grantBudget', grantId] }),
          ]);
        }}
      >
        {t('tranches.release')}
      </ConfirmButton>
      {refusal && (
        <Alert color="red" p="xs" role="alert" data-testid="release-refused">
          {refusal}
        </Alert>
      )}
    </Stack>
  );
}
