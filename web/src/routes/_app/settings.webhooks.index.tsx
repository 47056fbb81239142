import {
  Badge,
  Button,
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { AnchorLink } from '../../ui/links';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { useFormSubmit } from '../../lib/use-form-submit';
import {
  CreateWebhookEndpointMutation,
  WebhookEndpointsQuery,
} from '../../features/settings/operations';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../features/settings/webhooks';
import { FormAlert } from '../../ui/form-alert';
import { Page } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/settings/webhooks/')({ component: WebhooksPage });

function WebhooksPage() {
  const { t } = useTranslation();
  const { data } = useSuspenseQuery({
    queryKey: ['webhooks'],
    queryFn: () => request(WebhookEndpointsQuery),
  });
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Page title={t('webhooks.title')} description={t('webhooks.description')}>
      <Section title={t('webhooks.list')}>
        {data.webhookEndpoints.nodes.length === 0 ? (
          <Empty>{t('webhooks.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('webhooks.url')}</Table.Th>
                  <Table.Th>{t('webhooks.events')}</Table.Th>
                  <Table.Th>{t('webhooks.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.webhookEndpoints.nodes.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <AnchorLink to="/settings/webhooks/$endpointId" params={{ endpointId: e.id }}>
                        {e.url}
                      </AnchorLink>
                      {e.description && (
                        <Text size="xs" c="dimmed">
                          {e.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t('webhooks.eventCount', { count: e.eventTypes.length })}</Table.Td>
                    <Table.Td>
                      <Badge color={e.status === 'ENABLED' ? 'teal' : 'gray'}>
                        {t(`webhooks.endpointStatus.${e.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title={t('webhooks.create')} description={t('webhooks.createHint')}>
        <CreateEndpointForm onCreated={setSecret} />
      </Section>
      <SecretOnce
        title={t('webhooks.secretTitle')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </Page>
  );
}

function CreateEndpointForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { url: '', description: '', eventTypes: [...WEBHOOK_EVENT_TYPES] as string[] },
    validate: zod4Resolver(
      z.object({
        url: z.string().trim().url(t('validation.url')),
        description: z.string().max(200),
        eventTypes: z.array(z.string()).min(1, t('webhooks.pickEvent')),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    const data = await request(CreateWebhookEndpointMutation, {
      input: {
        url: values.url.trim(),
        description: values.description.trim() || undefined,
        eventTypes: values.eventTypes as WebhookEventType[],
      },
    });
    form.reset();
    onCreated(data.createWebhookEndpoint.secret);
    await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={640}>
        <FormAlert message={topError} />
        <TextInput
          label={t('webhooks.url')}
          placeholder="https://"
          required
          key={form.key('url')}
          {...form.getInputProps('url')}
        />
        <TextInput
          label={t('fields.description')}
          key={form.key('description')}
          {...form.getInputProps('description')}
        />
        <Checkbox.Group
          label={t('webhooks.events')}
          key={form.key('eventTypes')}
          {...form.getInputProps('eventTypes')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <Checkbox key={type} value={type} label={t(`webhooks.event.${type}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={submitting}>
            {t('webhooks.createButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
