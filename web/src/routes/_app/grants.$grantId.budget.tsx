// A grant's budget (the "reallocation waiting/decided" emails link here): the figures per line
// against the plan and its tolerance; for the team, moving money (with the API's verdict before
// sending) and reporting spend; for the funder, the moves that wait for a decision and
// amendments; after the grant ended, the close-out figures and the refund claim.
import { Badge, Progress, Stack, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AmendmentForm } from '../../features/budget/amendment-form';
import { CloseOut } from '../../features/budget/close-out';
import { Figures } from '../../features/budget/figures';
import { useGrantSide } from '../../features/budget/grant-side';
import { GrantMoneyNav } from '../../features/budget/money-nav';
import { GrantBudgetPageQuery } from '../../features/budget/operations';
import { PendingReallocations } from '../../features/budget/pending-reallocations';
import { ReallocationForm } from '../../features/budget/reallocation-form';
import { SpendEntries } from '../../features/budget/spend-entries';
import { SpendForm } from '../../features/budget/spend-form';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { MoneyTable } from '../../ui/money-table';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/grants/$grantId/budget')({ component: BudgetPage });

const REALLOCATION_COLOR: Record<string, string> = {
  APPLIED: 'teal',
  PENDING: 'grape',
  REJECTED: 'gray',
};

function BudgetPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { grantId } = Route.useParams();
  const side = useGrantSide();
  const { data } = useSuspenseQuery({
    queryKey: ['grantBudget', grantId],
    queryFn: () => request(GrantBudgetPageQuery, { grantId }),
  });
  const { grant, grantBudget: budget, reallocations } = data;
  const currency = grant.currency;
  const fmt = (minor: number) => formatMoney(minor, currency, locale);
  const tolerance = grant.programme.reallocationPolicy.tolerancePercent;
  const lines = budget.lines.map((l) => ({
    id: l.line.id,
    name: l.line.name,
    original: l.original.amount,
    allocated: l.allocated.amount,
  }));
  const active = grant.status === 'ACTIVE';
  return (
    <Page
      title={t('pages.grantBudget')}
      description={t('budget.description', { reference: grant.reference, title: grant.title })}
    >
      <GrantMoneyNav grantId={grantId} />
      <Text>
        <Badge
          color={active ? 'blue' : 'gray'}
          size="lg"
          data-testid="grant-status"
          data-status={grant.status}
        >
          {t(`grantMoney.status.${grant.status}`)}
        </Badge>
      </Text>
      {!active && (
        <Section title={t('closeOut.title')}>
          <CloseOut
            grantId={grantId}
            status={grant.status}
            currency={currency}
            settlement={{
              awarded: grant.settlement.awarded.amount,
              released: grant.settlement.released.amount,
              spent: grant.settlement.spent.amount,
              returned: grant.settlement.returned.amount,
              claimed: grant.settlement.claimed.amount,
            }}
            claim={
              grant.refundClaim
                ? {
                    id: grant.refundClaim.id,
                    status: grant.refundClaim.status,
                    amount: grant.refundClaim.amount.amount,
                    decisionReason: grant.refundClaim.decisionReason ?? null,
                  }
                : null
            }
            canSettle={side.canRelease}
            isGrantee={side.isGrantee}
          />
        </Section>
      )}
      <Section title={t('budget.overview')}>
        <Figures
          currency={currency}
          testId="budget-figures"
          items={[
            { key: 'awarded', label: t('budget.awarded'), minor: budget.awarded.amount },
            { key: 'released', label: t('budget.released'), minor: budget.released.amount },
            { key: 'spent', label: t('budget.spent'), minor: budget.spent.amount },
            { key: 'remaining', label: t('budget.remaining'), minor: budget.remaining.amount },
            { key: 'holdback', label: t('budget.holdback'), minor: budget.holdback.amount },
          ]}
        />
      </Section>
      <Section
        title={t('budget.lines')}
        description={t('budget.linesHint', { percent: tolerance })}
      >
        <MoneyTable
          testId="budget-lines"
          currency={currency}
          locale={locale}
          minWidth={760}
          verticalSpacing="sm"
          lineLabel={t('budget.line')}
          rows={budget.lines}
          rowKey={(l) => l.line.id}
          rowData={(l) => ({ 'data-line': l.line.id })}
          rowHeader={(l) => {
            const used =
              l.allocated.amount > 0
                ? Math.min(100, Math.floor((l.spent.amount * 100) / l.allocated.amount))
                : 0;
            return (
              <>
                {l.line.name}
                <Progress
                  value={used}
                  size="xs"
                  mt={4}
                  aria-label={t('budget.usedOf', { line: l.line.name, percent: used })}
                />
              </>
            );
          }}
          money={[
            { key: 'original', label: t('budget.original'), minor: (l) => l.original.amount },
            {
              key: 'allocated',
              label: t('budget.allocated'),
              minor: (l) => l.allocated.amount,
              dataName: 'allocated',
            },
            { key: 'spent', label: t('budget.spent'), minor: (l) => l.spent.amount },
            { key: 'remaining', label: t('budget.remaining'), minor: (l) => l.remaining.amount },
          ]}
          after={[
            {
              key: 'tolerance',
              label: t('budget.tolerance'),
              cell: (l) => (
                <Badge color={l.withinTolerance ? 'teal' : 'red'} variant="light">
                  {l.withinTolerance
                    ? t('budget.within', { deviation: signed(l.deviationPercent, locale) })
                    : t('budget.beyond', { deviation: signed(l.deviationPercent, locale) })}
                </Badge>
              ),
            },
          ]}
        />
      </Section>
      <Section title={t('reallocation.waitingTitle')} description={t('reallocation.waitingHint')}>
        <PendingReallocations
          grantId={grantId}
          currency={currency}
          lines={lines}
          tolerancePercent={tolerance}
          canDecide={side.canDecide && active}
          pending={budget.pendingReallocations.nodes.map((p) => ({
            id: p.id,
            reason: p.reason,
            createdAt: p.createdAt,
            amount: p.amount.amount,
            fromLineId: p.fromLineId,
            toLineId: p.toLineId,
            requestedBy: p.requestedBy?.displayName ?? null,
          }))}
        />
      </Section>
      {side.isGrantee && active && (
        <Section
          title={t('reallocation.title')}
          description={t('reallocation.hint', { percent: tolerance })}
        >
          <ReallocationForm grantId={grantId} currency={currency} lines={lines} />
        </Section>
      )}
      {side.isGrantee && active && (
        <Section title={t('spend.title')} description={t('spend.hint')}>
          <SpendForm grantId={grantId} currency={currency} lines={lines} />
        </Section>
      )}
      <Section
        title={t('spendEntries.title')}
        description={t(
          side.isGrantee && active ? 'spendEntries.hintTeam' : 'spendEntries.hintReader',
        )}
      >
        <SpendEntries
          grantId={grantId}
          currency={currency}
          lines={lines}
          entries={data.spendEntries.nodes}
          total={data.spendEntries.totalCount}
          canAttach={side.isGrantee}
        />
      </Section>
      {side.canDecide && active && (
        <Section title={t('amendment.title')} description={t('amendment.hint')}>
          <AmendmentForm
            grantId={grantId}
            currency={currency}
            lines={lines}
            key={lines.map((l) => l.allocated).join()}
          />
        </Section>
      )}
      <Section title={t('reallocation.history')}>
        {reallocations.nodes.length === 0 ? (
          <Empty>{t('reallocation.noHistory')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="reallocation-history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reallocation.when')}</Table.Th>
                  <Table.Th scope="col">{t('reallocation.move')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('reallocation.amount')}
                  </Table.Th>
                  <Table.Th scope="col">{t('reallocation.statusLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reallocations.nodes.map((r) => (
                  <Table.Tr key={r.id} data-reallocation={r.id} data-status={r.status}>
                    <Table.Td>{formatDateTime(r.createdAt, locale)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm">
                          {t('reallocation.fromTo', { from: r.fromLine.name, to: r.toLine.name })}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {r.reason}
                        </Text>
                        {r.decisionComment && (
                          <Text size="xs">
                            {t('reallocation.funderSaid', { comment: r.decisionComment })}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">{fmt(r.amount.amount)}</Table.Td>
                    <Table.Td>
                      <Badge color={REALLOCATION_COLOR[r.status] ?? 'gray'}>
                        {t(`reallocation.status.${r.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Page>
  );
}

/**
 * "12.50" from the API as "+12,50 %" in the person's locale (kept as the API's exact text), with a
 * no-break space before the "%", so a narrow cell does not put it on a line of its own.
 */
function signed(deviation: string, locale: string): string {
  if (deviation === 'Infinity') return '∞';
  const negative = deviation.startsWith('-');
  const [whole, fraction = '00'] = deviation.replace('-', '').split('.');
  const decimal = locale.startsWith('de') ? ',' : '.';
  const sign = negative ? '−' : Number(whole) === 0 && /^0*$/.test(fraction) ? '±' : '+';
  return `${sign}${whole}${decimal}${fraction}\u00a0%`;
}
