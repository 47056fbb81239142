import { Button, Group, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createFileRoute } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { applyLocaleOf, i18n } from '../../lib/i18n';
import { queryClient } from '../../lib/query-client';
import { useFormSubmit } from '../../lib/use-form-submit';
import { useViewer } from '../../features/session/viewer';
import {
  ChangePasswordMutation,
  RequestEmailChangeMutation,
  UpdateProfileMutation,
} from '../../features/settings/operations';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { NewPasswordInput } from '../../ui/fields';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

export const Route = createFileRoute('/_app/profile')({ component: ProfilePage });

function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('profile.title')} description={t('profile.description')}>
      <ProfileForm />
      <PasswordForm />
      <EmailForm />
    </Page>
  );
}

function ProfileForm() {
  const { t } = useTranslation();
  const { me } = useViewer();
  const person = me.person!;
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { displayName: person.displayName, language: person.language },
    validate: zod4Resolver(
      z.object({
        displayName: z.string().trim().min(1, t('validation.required')).max(200),
        language: z.enum(['DE', 'EN']),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(UpdateProfileMutation, {
      input: { displayName: values.displayName.trim(), language: values.language },
    });
    // The message is in the language just chosen: switch first, then read the text from the new
    // catalogue (`t` stays in the language this form was rendered in).
    await applyLocaleOf({ person: { language: values.language }, organization: me.organization });
    await queryClient.invalidateQueries({ queryKey: ['viewer'] });
    notifySuccess(i18n.t('profile.saved'));
  });
  return (
    <Section title={t('profile.nameAndLanguage')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={420}>
          <FormAlert message={topError} />
          <TextInput
            label={t('fields.displayName')}
            autoComplete="name"
            required
            key={form.key('displayName')}
            {...form.getInputProps('displayName')}
          />
          <Select
            label={t('fields.language')}
            allowDeselect={false}
            data={[
              { value: 'DE', label: 'Deutsch' },
              { value: 'EN', label: 'English' },
            ]}
            key={form.key('language')}
            {...form.getInputProps('language')}
          />
          <Group>
            <Button type="submit" loading={submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: zod4Resolver(
      z.object({
        currentPassword: z.string().min(1, t('validation.required')),
        newPassword: z.string().min(12, t('validation.passwordLength')),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(ChangePasswordMutation, values);
    form.reset();
    notifySuccess(t('profile.passwordChanged'));
  });
  return (
    <Section title={t('profile.password')} description={t('profile.passwordHint')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={420}>
          <FormAlert message={topError} />
          <PasswordInput
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordInput key={form.key('newPassword')} {...form.getInputProps('newPassword')} />
          <Group>
            <Button type="submit" loading={submitting}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function EmailForm() {
  const { t } = useTranslation();
  const person = useViewer().me.person!;
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { newEmail: '', password: '' },
    validate: zod4Resolver(
      z.object({
        newEmail: z.string().trim().email(t('validation.email')),
        password: z.string().min(1, t('validation.required')),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(RequestEmailChangeMutation, {
      newEmail: values.newEmail.trim(),
      password: values.password,
    });
    form.reset();
    notifySuccess(t('profile.emailChangeSent', { email: values.newEmail.trim() }));
  });
  return (
    <Section title={t('profile.email')} description={t('profile.emailHint')}>
      <Text size="sm">{t('profile.currentEmail', { email: person.email })}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={420}>
          <FormAlert message={topError} />
          <TextInput
            label={t('fields.newEmail')}
            type="email"
            autoComplete="email"
            required
            key={form.key('newEmail')}
            {...form.getInputProps('newEmail')}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group>
            <Button type="submit" loading={submitting}>
              {t('profile.changeEmail')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
