import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';
import { useFormSubmit } from '../../lib/use-form-submit';
import {
  ApiKeysQuery,
  CreateApiKeyMutation,
  RevokeApiKeyMutation,
} from '../../features/settings/operations';
import { ConfirmButton } from '../../ui/confirm-button';
import { FormAlert } from '../../ui/form-alert';
import { Page } from '../../ui/page';
import { SecretOnce } from '../../ui/secret-once';
import { Section } from '../../ui/section';
import { Empty } from '../../ui/states';

export const Route = createFileRoute('/_app/settings/api-keys')({ component: ApiKeysPage });

function ApiKeysPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { data } = useSuspenseQuery({
    queryKey: ['api-keys'],
    queryFn: () => request(ApiKeysQuery, {}),
  });
  const run = useAction([['api-keys']]);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Page title={t('apiKeys.title')} description={t('apiKeys.description')}>
      <Section title={t('apiKeys.create')}>
        <CreateKeyForm onCreated={setSecret} />
      </Section>
      <Section title={t('apiKeys.list', { count: data.apiKeys.totalCount })}>
        {data.apiKeys.nodes.length === 0 ? (
          <Empty>{t('apiKeys.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('apiKeys.prefix')}</Table.Th>
                  <Table.Th>{t('apiKeys.scopes')}</Table.Th>
                  <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.apiKeys.nodes.map((key) => (
                  <Table.Tr key={key.id}>
                    <Table.Td>{key.name}</Table.Td>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {key.prefix}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {key.scopes.map((s) => (
                          <Badge key={s} variant="light">
                            {t(`apiKeys.scope.${s}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {key.lastUsedAt
                        ? formatDateTime(key.lastUsedAt, locale)
                        : t('apiKeys.neverUsed')}
                    </Table.Td>
                    <Table.Td>
                      {key.revokedAt ? (
                        <Badge color="gray">{t('apiKeys.revoked')}</Badge>
                      ) : (
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={t('apiKeys.revokeName', { name: key.name })}
                          title={t('apiKeys.revokeTitle')}
                          message={t('apiKeys.revokeConfirm', { name: key.name })}
                          confirmLabel={t('apiKeys.revoke')}
                          onConfirm={() =>
                            run(
                              () => request(RevokeApiKeyMutation, { apiKeyId: key.id }),
                              t('apiKeys.revokedDone'),
                            )
                          }
                        >
                          {t('apiKeys.revoke')}
                        </ConfirmButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <SecretOnce
        title={t('apiKeys.createdTitle')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </Page>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', write: false },
    validate: zod4Resolver(
      z.object({
        name: z.string().trim().min(1, t('validation.required')).max(100),
        write: z.boolean(),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    const data = await request(CreateApiKeyMutation, {
      input: { name: values.name.trim(), scopes: values.write ? ['READ', 'WRITE'] : ['READ'] },
    });
    form.reset();
    onCreated(data.createApiKey.plainKey);
    await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={460}>
        <FormAlert message={topError} />
        <TextInput
          label={t('fields.name')}
          description={t('apiKeys.nameHint')}
          required
          key={form.key('name')}
          {...form.getInputProps('name')}
        />
        <Checkbox
          label={t('apiKeys.allowWrite')}
          description={t('apiKeys.writeHint')}
          key={form.key('write')}
          {...form.getInputProps('write', { type: 'checkbox' })}
        />
        <Group>
          <Button type="submit" loading={submitting}>
            {t('apiKeys.createButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
