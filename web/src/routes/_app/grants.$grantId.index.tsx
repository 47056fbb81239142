// The grant home, for funder and grantee alike: where the grant stands, its sprints, money,
// tranches, what waits for whom, its history and its learnings — from one GraphQL request.
import { Badge, Grid, Group, Stack, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useViewer } from '../../features/session/viewer';
import { burnDown } from '../../features/grants/burn';
import {
  BudgetLines,
  Figures,
  History,
  Learnings,
  SprintTimeline,
  Tranches,
  Waiting,
} from '../../features/grants/grant-home';
import { GRANT_COLOR } from '../../features/grants/labels';
import { GrantHomeQuery } from '../../features/grants/operations';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Loading } from '../../ui/states';

const BurnChart = lazy(() =>
  import('../../features/grants/burn-chart').then((m) => ({ default: m.BurnChart })),
);

const grantHomeQuery = (grantId: string) => ({
  queryKey: ['grant', grantId, 'home'],
  queryFn: () => request(GrantHomeQuery, { grantId }),
});

export const Route = createFileRoute('/_app/grants/$grantId/')({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(grantHomeQuery(params.grantId)),
  component: GrantHomePage,
});

function GrantHomePage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { grantId } = Route.useParams();
  const viewer = useViewer();
  const { data } = useSuspenseQuery(grantHomeQuery(grantId));
  const g = data.grant;
  const funderSide = viewer.me.organization?.id === g.funder.id;
  const points = burnDown(
    data.grantBudget.awarded.amount,
    g.sprints,
    data.grantBudget.burnBySprint.map((b) => ({
      sprintNumber: b.sprintNumber,
      spent: b.spent.amount,
    })),
    t('grant.burn.start'),
    (n) => t('grant.sprintN', { number: n }),
  );
  return (
    <Page
      title={g.title}
      description={
        <Group gap="xs" component="span">
          <span>{g.reference}</span>
          <Badge color={GRANT_COLOR[g.status] ?? 'gray'} data-testid="grant-status">
            {t(`grant.status.${g.status}`)}
          </Badge>
        </Group>
      }
      actions={
        <AnchorLink to="/grants/$grantId/budget" params={{ grantId: g.id }}>
          {t('grant.toBudget')}
        </AnchorLink>
      }
    >
      <Group gap="xl">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('grant.funder')}
          </Text>
          <Text fw={600}>{g.funder.name}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('grant.grantee')}
          </Text>
          <Text fw={600}>{g.grantee.name}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('grant.programme')}
          </Text>
          <Text fw={600}>{g.programme.title}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('grant.period')}
          </Text>
          <Text fw={600}>
            {formatLocalDate(g.startDate, locale)} – {formatLocalDate(g.endDate, locale)}
          </Text>
        </Stack>
      </Group>
      <Figures data={data} locale={locale} />
      <Section title={t('grant.waiting.title')} description={t('grant.waiting.description')}>
        <Waiting data={data} locale={locale} funderSide={funderSide} />
      </Section>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Section title={t('grant.sprints')}>
            <SprintTimeline data={data} locale={locale} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title={t('grant.burn.title')} description={t('grant.burn.description')}>
              <Suspense fallback={<Loading />}>
                <BurnChart points={points} currency={g.currency} locale={locale} />
              </Suspense>
            </Section>
            <Section title={t('grant.tranches.title')}>
              <Tranches data={data} locale={locale} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      <Section title={t('grant.budget.title')}>
        <BudgetLines data={data} locale={locale} />
      </Section>
      <Section title={t('grant.learnings.title')}>
        <Learnings data={data} />
      </Section>
      <Section title={t('grant.history.title')}>
        <History data={data} locale={locale} />
      </Section>
    </Page>
  );
}
