// A programme's money: total, awarded, released, spent and available; per grant; and a chart of
// awarded and released money over time. Figures are the API's, in integer minor units.
import { Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { request } from '../../lib/client';
import { formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { moneyOverTime } from '../../features/programmes/money-over-time';
import { PortfolioQuery } from '../../features/programmes/operations';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/programmes/$programmeId/portfolio')({
  component: PortfolioPage,
});

function PortfolioPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { programmeId } = Route.useParams();
  const { data } = useSuspenseQuery({
    queryKey: ['portfolio', programmeId],
    queryFn: () => request(PortfolioQuery, { programmeId }),
  });
  const budget = data.programmeBudget;
  const currency = budget.totalBudget.currency;
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const figures = [
    ['total', budget.totalBudget.amount],
    ['awarded', budget.awarded.amount],
    ['released', budget.released.amount],
    ['spent', budget.spent.amount],
    ['available', budget.available.amount],
  ] as const;
  const titles = new Map(data.grants.nodes.map((g) => [g.id, g.title]));
  const series = moneyOverTime(
    data.grants.nodes.map((g) => ({
      createdAt: g.createdAt,
      awardedMinor: g.awardedAmount.amount,
      tranches: g.tranches
        .filter((tr) => tr.status === 'RELEASED')
        .map((tr) => ({ releasedAt: tr.releasedAt ?? null, minor: tr.amount.amount })),
    })),
    data.programme.timeZone,
  );
  return (
    <Page
      title={t('portfolio.title')}
      description={
        <AnchorLink to="/programmes/$programmeId" params={{ programmeId }}>
          {data.programme.title}
        </AnchorLink>
      }
    >
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
        {figures.map(([key, minor]) => (
          <Paper key={key} withBorder p="md" radius="md">
            <Stack gap={2}>
              <Text size="sm" c="dimmed" id={`figure-${key}`}>
                {t(`portfolio.figure.${key}`)}
              </Text>
              <Text
                fw={700}
                size="lg"
                aria-labelledby={`figure-${key}`}
                data-testid={`figure-${key}`}
              >
                {money(minor)}
              </Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
      {budget.returned.amount > 0 && (
        <Text size="sm" c="dimmed">
          {t('portfolio.returned', { amount: money(budget.returned.amount) })}
        </Text>
      )}

      <Section title={t('portfolio.overTime')} description={t('portfolio.overTimeHint')}>
        {series.length === 0 ? (
          <Empty>{t('portfolio.noGrants')}</Empty>
        ) : (
          <figure style={{ margin: 0 }}>
            {/* The table below gives the same figures to screen readers and keyboards. */}
            <div style={{ width: '100%', height: 280 }} aria-hidden>
              <ResponsiveContainer>
                <LineChart
                  data={series}
                  margin={{ left: 24, right: 16, top: 8 }}
                  accessibilityLayer={false}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" tickFormatter={(d: string) => formatLocalDate(d, locale)} />
                  <YAxis tickFormatter={(v: number) => money(v)} width={110} />
                  <Tooltip
                    labelFormatter={(d) =>
                      typeof d === 'string' ? formatLocalDate(d, locale) : ''
                    }
                    formatter={(v) => money(Number(v))}
                  />
                  <Legend />
                  <Line
                    type="stepAfter"
                    dataKey="awarded"
                    name={t('portfolio.figure.awarded')}
                    stroke="#1c7ed6"
                    strokeWidth={2}
                    isAnimationActive={false}
                  />
                  <Line
                    type="stepAfter"
                    dataKey="released"
                    name={t('portfolio.figure.released')}
                    stroke="#0ca678"
                    strokeWidth={2}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <Table aria-label={t('portfolio.overTime')} mt="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('portfolio.day')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>
                    {t('portfolio.figure.awarded')}
                  </Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>
                    {t('portfolio.figure.released')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {series.map((p) => (
                  <Table.Tr key={p.day}>
                    <Table.Td>{formatLocalDate(p.day, locale)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{money(p.awarded)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{money(p.released)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </figure>
        )}
      </Section>

      <Section title={t('portfolio.perGrant')}>
        {budget.grants.nodes.length === 0 ? (
          <Empty>{t('portfolio.noGrants')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label={t('portfolio.perGrant')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('portfolio.grant')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>
                    {t('portfolio.figure.awarded')}
                  </Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>
                    {t('portfolio.figure.released')}
                  </Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('portfolio.figure.spent')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('portfolio.remaining')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('portfolio.attention')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {budget.grants.nodes.map((g) => (
                  <Table.Tr key={g.grantId}>
                    <Table.Td>
                      <AnchorLink to="/grants/$grantId/budget" params={{ grantId: g.grantId }}>
                        {g.reference}
                      </AnchorLink>
                      {titles.get(g.grantId) && (
                        <Text size="xs" c="dimmed">
                          {titles.get(g.grantId)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{money(g.awarded.amount)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{money(g.released.amount)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{money(g.spent.amount)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{money(g.remaining.amount)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {g.pendingReallocations + g.linesOutsideTolerance > 0
                        ? t('portfolio.attentionCount', {
                            pending: g.pendingReallocations,
                            outside: g.linesOutsideTolerance,
                          })
                        : '–'}
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
