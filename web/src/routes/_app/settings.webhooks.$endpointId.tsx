import { Badge, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';
import {
  DeleteWebhookEndpointMutation,
  RedeliverWebhookMutation,
  UpdateWebhookEndpointMutation,
  WebhookEndpointQuery,
} from '../../features/settings/operations';
import { ConfirmButton } from '../../ui/confirm-button';
import { NotFoundPage } from '../../ui/not-found-page';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/settings/webhooks/$endpointId')({
  component: EndpointPage,
});

const STATUS_COLOR: Record<string, string> = { SUCCEEDED: 'teal', PENDING: 'blue', FAILED: 'red' };

function EndpointPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const navigate = useNavigate();
  const { endpointId } = Route.useParams();
  const key = ['webhooks', endpointId];
  const { data } = useSuspenseQuery({
    queryKey: key,
    queryFn: () => request(WebhookEndpointQuery, { endpointId }),
  });
  const run = useAction([['webhooks']]);
  const endpoint = data.node?.__typename === 'WebhookEndpoint' ? data.node : undefined;
  if (!endpoint) return <NotFoundPage />;
  const enabled = endpoint.status === 'ENABLED';
  return (
    <Page
      title={t('webhooks.endpointTitle')}
      description={endpoint.url}
      actions={
        <ConfirmButton
          variant="light"
          color="red"
          title={t('webhooks.deleteTitle')}
          message={t('webhooks.deleteConfirm', { url: endpoint.url })}
          confirmLabel={t('webhooks.delete')}
          onConfirm={async () => {
            if (
              await run(
                () => request(DeleteWebhookEndpointMutation, { endpointId }),
                t('webhooks.deleted'),
              )
            )
              await navigate({ to: '/settings/webhooks' });
          }}
        >
          {t('webhooks.delete')}
        </ConfirmButton>
      }
    >
      <Section title={t('webhooks.status')}>
        <Group>
          <Switch
            checked={enabled}
            label={
              enabled ? t('webhooks.endpointStatus.ENABLED') : t('webhooks.endpointStatus.DISABLED')
            }
            onChange={(event) =>
              void run(
                () =>
                  request(UpdateWebhookEndpointMutation, {
                    input: { endpointId, enabled: event.currentTarget.checked },
                  }),
                event.currentTarget.checked
                  ? t('webhooks.enabledDone')
                  : t('webhooks.disabledDone'),
              )
            }
          />
          {endpoint.disabledReason && (
            <Text size="sm" c="dimmed">
              {endpoint.disabledReason}
            </Text>
          )}
        </Group>
        <Group gap={4}>
          {endpoint.eventTypes.map((type) => (
            <Badge key={type} variant="light">
              {t(`webhooks.event.${type}`)}
            </Badge>
          ))}
        </Group>
      </Section>
      <Section title={t('webhooks.deliveries', { count: data.webhookDeliveries.totalCount })}>
        {data.webhookDeliveries.nodes.length === 0 ? (
          <Empty>{t('webhooks.noDeliveries')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" data-testid="delivery-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.event.label')}</Table.Th>
                  <Table.Th>{t('webhooks.status')}</Table.Th>
                  <Table.Th>{t('webhooks.attempts')}</Table.Th>
                  <Table.Th>{t('webhooks.lastAttempt')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.webhookDeliveries.nodes.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{t(`webhooks.event.${d.eventType}`)}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <Badge color={STATUS_COLOR[d.status] ?? 'gray'}>
                          {t(`webhooks.deliveryStatus.${d.status}`)}
                        </Badge>
                        {d.lastStatusCode !== null && d.lastStatusCode !== undefined && (
                          <Text size="xs" c="dimmed">
                            HTTP {d.lastStatusCode}
                            {d.lastDurationMs !== null && d.lastDurationMs !== undefined
                              ? ` · ${d.lastDurationMs} ms`
                              : ''}
                          </Text>
                        )}
                        {d.lastError && (
                          <Text size="xs" c="red.8">
                            {d.lastError}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>{d.attempts}</Table.Td>
                    <Table.Td>
                      {d.lastAttemptAt ? formatDateTime(d.lastAttemptAt, locale) : '—'}
                    </Table.Td>
                    <Table.Td>
                      {d.status !== 'PENDING' && (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() =>
                            void run(
                              () => request(RedeliverWebhookMutation, { deliveryId: d.id }),
                              t('webhooks.redelivered'),
                            )
                          }
                        >
                          {t('webhooks.redeliver')}
                        </Button>
                      )}
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
