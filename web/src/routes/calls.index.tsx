// The open calls, readable by everyone: what each funds, how much, and until when.
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { AnchorLink } from '../ui/links';
import { useTranslation } from 'react-i18next';
import { request } from '../lib/client';
import { formattingLocale } from '../lib/i18n';
import { formatMoney } from '../lib/money';
import { formatInZone } from '../features/calls/call-dates';
import { OpenCallsQuery } from '../features/calls/operations';
import { PublicFrame } from '../features/calls/public-frame';
import { Empty } from '../ui/states';

const openCallsQuery = queryOptions({
  queryKey: ['openCalls'],
  queryFn: () => request(OpenCallsQuery, {}),
});

export const Route = createFileRoute('/calls/')({
  loader: ({ context }) => context.queryClient.ensureQueryData(openCallsQuery),
  component: OpenCallsPage,
});

function OpenCallsPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const calls = useSuspenseQuery(openCallsQuery).data.openCalls.nodes;
  return (
    <PublicFrame back="/calls">
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1}>{t('calls.title')}</Title>
          <Text c="dimmed">{t('calls.intro')}</Text>
        </Stack>
        {calls.length === 0 ? (
          <Empty>{t('calls.none')}</Empty>
        ) : (
          <SimpleGrid
            cols={{ base: 1, md: 2 }}
            component="ul"
            style={{ listStyle: 'none', padding: 0 }}
          >
            {calls.map((call) => (
              <Card key={call.id} withBorder padding="lg" radius="md" component="li">
                <Stack gap="xs">
                  <Title order={2} size="h4">
                    <AnchorLink to="/calls/$programmeId" params={{ programmeId: call.id }}>
                      {call.title}
                    </AnchorLink>
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('calls.by', { funder: call.funder.name })}
                  </Text>
                  <Text lineClamp={3}>{call.description}</Text>
                  <Text size="sm">
                    {t('calls.budget', {
                      amount: formatMoney(
                        call.totalBudget.amount,
                        call.totalBudget.currency,
                        locale,
                      ),
                    })}
                  </Text>
                  {call.callClosesAt && (
                    <Text size="sm" fw={600}>
                      {t('calls.closes', {
                        when: formatInZone(call.callClosesAt, call.timeZone, locale),
                      })}
                    </Text>
                  )}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </PublicFrame>
  );
}
