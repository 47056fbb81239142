// The sections of the grant home, each fed from the one GrantHome request.
import {
  Badge,
  Group,
  List,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatLocalDate } from '../../lib/dates';
import { formatMoney } from '../../lib/money';
import { AnchorLink } from '../../ui/links';
import { Empty } from '../../ui/states';
import { LEARNING_COLOR, SPRINT_COLOR } from './labels';
import type { GrantHome } from './operations';

type Props = { data: GrantHome; locale: string };

export function Figures({ data, locale }: Props) {
  const { t } = useTranslation();
  const b = data.grantBudget;
  const cur = data.grant.currency;
  const figures = [
    ['awarded', b.awarded.amount],
    ['released', b.released.amount],
    ['spent', b.spent.amount],
    ['remaining', b.remaining.amount],
    ['holdback', b.holdback.amount],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
      {figures.map(([key, amount]) => (
        <Paper key={key} withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" id={`figure-${key}`}>
            {t(`grant.figures.${key}`)}
          </Text>
          <Text fw={700} size="lg" aria-labelledby={`figure-${key}`} data-figure={key}>
            {formatMoney(amount, cur, locale)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function SprintTimeline({ data, locale }: Props) {
  const { t } = useTranslation();
  const g = data.grant;
  const active = g.sprints.findIndex((s) => s.status !== 'ACCEPTED');
  return (
    <Timeline
      active={active === -1 ? g.sprints.length - 1 : active - 1}
      bulletSize={22}
      lineWidth={2}
    >
      {g.sprints.map((s) => (
        <Timeline.Item
          key={s.id}
          bullet={<Text size="xs">{s.number}</Text>}
          title={
            <Group gap="xs">
              <AnchorLink
                to="/grants/$grantId/sprints/$number/review"
                params={{ grantId: g.id, number: String(s.number) }}
                fw={600}
              >
                {t('grant.sprintN', { number: s.number })}
              </AnchorLink>
              <Badge
                size="sm"
                variant="light"
                color={SPRINT_COLOR[s.status]}
                data-sprint-status={s.number}
              >
                {t(`grant.sprintStatus.${s.status}`)}
              </Badge>
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            {formatLocalDate(s.startDate, locale)} – {formatLocalDate(s.endDate, locale)}
          </Text>
          <Text size="sm" data-sprint-goal={s.number}>
            {s.goal}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** Allocation against the plan: the bar spans up to the tolerance ceiling, marked where the plan ends. */
function ToleranceCue({
  original,
  allocated,
  spent,
  tolerancePercent,
  within,
}: {
  original: number;
  allocated: number;
  spent: number;
  tolerancePercent: number;
  within: boolean;
}) {
  const { t } = useTranslation();
  const ceiling = Number((BigInt(original) * BigInt(100 + tolerancePercent)) / 100n);
  const scale = Math.max(ceiling, allocated, 1);
  const pct = (v: number) => Math.min(100, (v / scale) * 100);
  const spentPct = pct(Math.min(spent, allocated));
  const restPct = Math.max(0, pct(allocated) - spentPct);
  return (
    <Stack gap={2} miw={160}>
      <Progress.Root size="lg" aria-hidden>
        <Progress.Section value={spentPct} color={within ? 'blue' : 'red'} />
        <Progress.Section value={restPct} color={within ? 'blue.2' : 'red.2'} />
      </Progress.Root>
      <div
        aria-hidden
        style={{
          position: 'relative',
          height: 6,
          marginTop: -2,
          background: 'transparent',
        }}
      >
        <div
          style={{
            position: 'absolute',
            left: `${pct(original)}%`,
            right: `${100 - pct(ceiling)}%`,
            top: 0,
            bottom: 0,
            background: 'var(--mantine-color-yellow-3)',
          }}
        />
      </div>
      <Text size="xs" c={within ? 'dimmed' : 'red.8'}>
        {within ? t('grant.budget.withinTolerance') : t('grant.budget.beyondTolerance')}
      </Text>
    </Stack>
  );
}

export function BudgetLines({ data, locale }: Props) {
  const { t } = useTranslation();
  const cur = data.grant.currency;
  const tolerance = data.grant.programme.reallocationPolicy.tolerancePercent;
  const money = (v: number) => formatMoney(v, cur, locale);
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('grant.budget.toleranceHint', { percent: tolerance })}
      </Text>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="xs" data-testid="budget-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('grant.budget.line')}</Table.Th>
              <Table.Th ta="right">{t('grant.budget.original')}</Table.Th>
              <Table.Th ta="right">{t('grant.budget.allocated')}</Table.Th>
              <Table.Th ta="right">{t('grant.budget.spent')}</Table.Th>
              <Table.Th ta="right">{t('grant.budget.remaining')}</Table.Th>
              <Table.Th>{t('grant.budget.tolerance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.grantBudget.lines.map((l) => (
              <Table.Tr key={l.line.id} data-line={l.line.id}>
                <Table.Th scope="row" fw={500}>
                  {l.line.name}
                  <Text size="xs" c="dimmed">
                    {t(`grant.category.${l.line.category}`)}
                  </Text>
                </Table.Th>
                <Table.Td ta="right" data-col="original">
                  {money(l.original.amount)}
                </Table.Td>
                <Table.Td ta="right" data-col="allocated">
                  {money(l.allocated.amount)}
                  <Text size="xs" c="dimmed">
                    {t('grant.budget.deviation', {
                      percent: new Intl.NumberFormat(locale, {
                        minimumFractionDigits: 2,
                        signDisplay: 'exceptZero',
                      }).format(l.deviationPercent as unknown as number),
                    })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" data-col="spent">
                  {money(l.spent.amount)}
                </Table.Td>
                <Table.Td ta="right" data-col="remaining">
                  {money(l.remaining.amount)}
                </Table.Td>
                <Table.Td>
                  <ToleranceCue
                    original={l.original.amount}
                    allocated={l.allocated.amount}
                    spent={l.spent.amount}
                    tolerancePercent={tolerance}
                    within={l.withinTolerance}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group gap="md">
        <Group gap={6}>
          <span
            aria-hidden
            style={{
              width: 14,
              height: 8,
              background: 'var(--mantine-color-blue-6)',
              display: 'inline-block',
            }}
          />
          <Text size="xs">{t('grant.budget.legendSpent')}</Text>
        </Group>
        <Group gap={6}>
          <span
            aria-hidden
            style={{
              width: 14,
              height: 8,
              background: 'var(--mantine-color-blue-2)',
              display: 'inline-block',
            }}
          />
          <Text size="xs">{t('grant.budget.legendRemaining')}</Text>
        </Group>
        <Group gap={6}>
          <span
            aria-hidden
            style={{
              width: 14,
              height: 8,
              background: 'var(--mantine-color-yellow-3)',
              display: 'inline-block',
            }}
          />
          <Text size="xs">{t('grant.budget.legendBand', { percent: tolerance })}</Text>
        </Group>
      </Group>
    </Stack>
  );
}

export function Tranches({ data, locale }: Props) {
  const { t } = useTranslation();
  const cur = data.grant.currency;
  const tranches = data.grant.tranches;
  const sum = (status: string) =>
    tranches.filter((x) => x.status === status).reduce((a, x) => a + BigInt(x.amount.amount), 0n);
  return (
    <Stack gap="xs">
      <Group gap="lg">
        <Text size="sm">
          {t('grant.tranches.released')}: <b>{formatMoney(Number(sum('RELEASED')), cur, locale)}</b>
        </Text>
        <Text size="sm">
          {t('grant.tranches.heldBack')}:{' '}
          <b>{formatMoney(Number(sum('SCHEDULED')), cur, locale)}</b>
        </Text>
      </Group>
      <Table verticalSpacing="xs" data-testid="tranches">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('grant.tranches.number')}</Table.Th>
            <Table.Th>{t('grant.tranches.trigger')}</Table.Th>
            <Table.Th ta="right">{t('grant.tranches.amount')}</Table.Th>
            <Table.Th miw={130}>{t('grant.tranches.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tranches.map((x) => (
            <Table.Tr key={x.id} data-tranche={x.number}>
              <Table.Td>{x.number}</Table.Td>
              <Table.Td>
                {x.kind === 'SPRINT'
                  ? t('grant.tranches.kind.SPRINT', { number: x.releasedBySprint })
                  : t(`grant.tranches.kind.${x.kind}`)}
              </Table.Td>
              <Table.Td ta="right">{formatMoney(x.amount.amount, cur, locale)}</Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={
                    x.status === 'RELEASED' ? 'teal' : x.status === 'CANCELLED' ? 'gray' : 'blue'
                  }
                >
                  {t(`grant.tranches.statusLabel.${x.status}`)}
                </Badge>
                {x.releasedAt && (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(x.releasedAt, locale)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function Waiting({ data, locale, funderSide }: Props & { funderSide: boolean }) {
  const { t } = useTranslation();
  const g = data.grant;
  const cur = g.currency;
  type Item = { key: string; what: ReactNode; who: 'funder' | 'grantee' };
  const items: Item[] = [];
  for (const s of g.sprints) {
    const link = (label: string) => (
      <AnchorLink
        to="/grants/$grantId/sprints/$number/review"
        params={{ grantId: g.id, number: String(s.number) }}
      >
        {label}
      </AnchorLink>
    );
    if (s.status === 'IN_REVIEW')
      items.push({
        key: s.id,
        what: link(t('grant.waiting.reviewSubmitted', { number: s.number })),
        who: 'funder',
      });
    if (s.status === 'REVIEW_DUE')
      items.push({
        key: s.id,
        what: link(t('grant.waiting.reviewDue', { number: s.number })),
        who: 'grantee',
      });
    if (s.status === 'CHANGES_REQUESTED')
      items.push({
        key: s.id,
        what: link(t('grant.waiting.changesRequested', { number: s.number })),
        who: 'grantee',
      });
  }
  for (const r of data.grantBudget.pendingReallocations.nodes)
    items.push({
      key: r.id,
      what: (
        <AnchorLink to="/grants/$grantId/budget" params={{ grantId: g.id }}>
          {t('grant.waiting.reallocation', {
            amount: formatMoney(r.amount.amount, cur, locale),
            from: r.fromLine.name,
            to: r.toLine.name,
          })}
        </AnchorLink>
      ),
      who: 'funder',
    });
  for (const n of g.changeNotices.nodes.filter((x) => x.status === 'OPEN'))
    items.push({
      key: n.id,
      what: (
        <AnchorLink
          to="/grants/$grantId/notices/$noticeId"
          params={{ grantId: g.id, noticeId: n.id }}
        >
          {t('grant.waiting.notice', { kind: t(`grant.noticeKind.${n.kind}`) })}
        </AnchorLink>
      ),
      who: 'funder',
    });
  if (items.length === 0) return <Empty>{t('grant.waiting.none')}</Empty>;
  const yours = (who: Item['who']) => (who === 'funder') === funderSide;
  return (
    <List spacing="xs" data-testid="waiting">
      {items.map((i) => (
        <List.Item key={i.key}>
          <Group gap="xs">
            {i.what}
            <Badge
              size="sm"
              variant={yours(i.who) ? 'filled' : 'outline'}
              color={yours(i.who) ? 'blue' : 'gray'}
            >
              {yours(i.who)
                ? t('grant.waiting.you')
                : t('grant.waiting.them', {
                    name: i.who === 'funder' ? g.funder.name : g.grantee.name,
                  })}
            </Badge>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

export function History({ data, locale }: Props) {
  const { t } = useTranslation();
  const entries = [...data.grantTimeline.nodes].reverse();
  if (entries.length === 0) return <Empty>{t('grant.history.empty')}</Empty>;
  return (
    <Timeline bulletSize={12} lineWidth={2} active={entries.length}>
      {entries.map((e, i) => (
        <Timeline.Item key={`${e.at}-${i}`} title={<Text size="sm">{e.summary}</Text>}>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at, locale)}
            {e.amount ? ` · ${formatMoney(e.amount.amount, data.grant.currency, locale)}` : ''}
          </Text>
          {e.detail && (
            <Text size="xs" lineClamp={3}>
              {e.detail}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function Learnings({ data }: Omit<Props, 'locale'>) {
  const { t } = useTranslation();
  const learnings = data.learnings.nodes;
  if (learnings.length === 0) return <Empty>{t('grant.learnings.empty')}</Empty>;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {learnings.map((l) => (
        <Paper key={l.id} withBorder p="md" radius="md" component="article" aria-label={l.title}>
          <Stack gap={6}>
            <Group gap="xs">
              <Badge color={LEARNING_COLOR[l.kind]}>{t(`grant.learningKind.${l.kind}`)}</Badge>
              <Text size="xs" c="dimmed">
                {t('grant.sprintN', { number: l.sprintNumber })} ·{' '}
                {t(`grant.visibility.${l.visibility}`)}
              </Text>
            </Group>
            <Title order={3} size="h5">
              {l.title}
            </Title>
            <Text size="sm">
              <b>{t('grant.learnings.tried')}:</b> {l.tried}
            </Text>
            <Text size="sm">
              <b>{t('grant.learnings.happened')}:</b> {l.happened}
            </Text>
            <Text size="sm">
              <b>{t('grant.learnings.learned')}:</b> {l.learned}
            </Text>
            {l.tags.length > 0 && (
              <Group gap={4}>
                {l.tags.map((tag) => (
                  <Badge key={tag} size="xs" variant="outline" color="gray">
                    #{tag}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
