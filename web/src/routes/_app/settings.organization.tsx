import { Button, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createFileRoute } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { queryClient } from '../../lib/query-client';
import { useFormSubmit } from '../../lib/use-form-submit';
import { hasRole, useViewer } from '../../features/session/viewer';
import { UpdateOrganizationMutation } from '../../features/settings/operations';
import { OpenDataSettings } from '../../features/opendata/open-data-settings';
import { OrganizationLogo } from '../../features/attachments/organization-logo';
import { CountrySelect } from '../../ui/fields';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

export const Route = createFileRoute('/_app/settings/organization')({
  component: OrganizationPage,
});

function OrganizationPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const organization = viewer.me.organization!;
  const canEdit = hasRole(viewer, 'OWNER', 'MANAGER');
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      name: organization.name,
      country: organization.country,
      language: organization.language,
      formOfAddress: organization.formOfAddress,
    },
    validate: zod4Resolver(
      z.object({
        name: z.string().trim().min(2, t('validation.required')).max(200),
        country: z.string().length(2),
        language: z.enum(['DE', 'EN']),
        formOfAddress: z.enum(['DU', 'SIE']),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(UpdateOrganizationMutation, {
      input: {
        name: values.name.trim(),
        country: values.country,
        language: values.language,
        formOfAddress: values.formOfAddress,
      },
    });
    await queryClient.invalidateQueries({ queryKey: ['viewer'] });
    notifySuccess(t('organization.saved'));
  });
  return (
    <Page title={t('organization.title')} description={t('organization.description')}>
      <Section
        title={t('organization.details')}
        description={canEdit ? undefined : t('organization.readOnly')}
      >
        <form onSubmit={onSubmit} noValidate>
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
            <Stack maw={460}>
              <FormAlert message={topError} />
              <TextInput
                label={t('fields.organizationName')}
                required
                key={form.key('name')}
                {...form.getInputProps('name')}
              />
              <CountrySelect
                current={organization.country}
                key={form.key('country')}
                {...form.getInputProps('country')}
              />
              <Select
                label={t('fields.organizationLanguage')}
                description={t('organization.languageHint')}
                allowDeselect={false}
                data={[
                  { value: 'DE', label: 'Deutsch' },
                  { value: 'EN', label: 'English' },
                ]}
                key={form.key('language')}
                {...form.getInputProps('language')}
              />
              <Radio.Group
                label={t('fields.formOfAddress')}
                description={t('organization.formOfAddressHint')}
                key={form.key('formOfAddress')}
                {...form.getInputProps('formOfAddress')}
              >
                <Group mt="xs">
                  <Radio value="SIE" label={t('formOfAddress.SIE')} />
                  <Radio value="DU" label={t('formOfAddress.DU')} />
                </Group>
              </Radio.Group>
              {canEdit && (
                <Group>
                  <Button type="submit" loading={submitting}>
                    {t('common.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </fieldset>
        </form>
      </Section>
      <OpenDataSettings
        funder={organization.kind === 'FUNDER'}
        canEdit={canEdit}
        current={organization.openData}
      />
      <Section
        title={t('attachments.logoTitle')}
        description={t(canEdit ? 'attachments.logoHint' : 'attachments.logoReadOnly')}
      >
        <OrganizationLogo
          organizationId={organization.id}
          organizationName={organization.name}
          canEdit={canEdit}
        />
      </Section>
      <Text size="sm" c="dimmed">
        {t('organization.kindNote', { kind: t(`organizationKind.${organization.kind}`) })}
      </Text>
    </Page>
  );
}
