import { Anchor, Button, Group, Radio, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { Link, createFileRoute, redirect } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../lib/client';
import { applyLocale, currentLanguage, type FormOfAddress } from '../lib/i18n';
import { session } from '../lib/session';
import { useFormSubmit } from '../lib/use-form-submit';
import { AuthLayout } from '../ui/auth-layout';
import { AnchorLink } from '../ui/links';
import { FormAlert } from '../ui/form-alert';
import { CountrySelect, NewPasswordInput } from '../ui/fields';
import { SignUpMutation } from '../features/auth/operations';
import { rememberAfterSignUp } from '../features/auth/sign-in';

export const Route = createFileRoute('/signup')({
  validateSearch: z.object({ redirect: z.optional(z.string()) }),
  beforeLoad: () => {
    if (session.get()) throw redirect({ to: '/' });
  },
  component: SignUpPage,
});

function SignUpPage() {
  const { t } = useTranslation();
  const { redirect: next } = Route.useSearch();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      displayName: '',
      email: '',
      password: '',
      organization: { name: '', kind: 'GRANTEE', country: 'DE', formOfAddress: 'SIE' },
    },
    validate: zod4Resolver(
      z.object({
        displayName: z
          .string()
          .check(z.trim(), z.minLength(1, t('validation.required')), z.maxLength(200)),
        email: z.string().check(z.trim(), z.email(t('validation.email'))),
        password: z.string().check(z.minLength(12, t('validation.passwordLength'))),
        organization: z.object({
          name: z
            .string()
            .check(z.trim(), z.minLength(2, t('validation.required')), z.maxLength(200)),
          kind: z.enum(['GRANTEE', 'FUNDER']),
          country: z.string().check(z.length(2)),
          formOfAddress: z.enum(['DU', 'SIE']),
        }),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    const language = currentLanguage() === 'de' ? 'DE' : 'EN';
    const data = await request(SignUpMutation, {
      input: {
        displayName: values.displayName.trim(),
        email: values.email.trim(),
        password: values.password,
        language,
        organization: {
          name: values.organization.name.trim(),
          kind: values.organization.kind as 'GRANTEE' | 'FUNDER',
          country: values.organization.country,
          formOfAddress: values.organization.formOfAddress as 'DU' | 'SIE',
          language,
        },
      },
    });
    rememberAfterSignUp(next);
    // From here on the texts address the person as they chose, as the emails do.
    await applyLocale(currentLanguage(), values.organization.formOfAddress as FormOfAddress);
    setSentTo(data.signUp.email);
  });

  if (sentTo) {
    return (
      <AuthLayout title={t('signup.checkMailTitle')}>
        <Group wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size="xl" aria-hidden>
            <IconMailCheck />
          </ThemeIcon>
          <Text role="status">{t('signup.checkMail', { email: sentTo })}</Text>
        </Group>
        <Anchor component={Link} to="/login">
          {t('signup.toLogin')}
        </Anchor>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('signup.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormAlert message={topError} />
          <TextInput
            label={t('fields.displayName')}
            autoComplete="name"
            required
            key={form.key('displayName')}
            {...form.getInputProps('displayName')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <NewPasswordInput key={form.key('password')} {...form.getInputProps('password')} />
          <TextInput
            label={t('fields.organizationName')}
            autoComplete="organization"
            required
            key={form.key('organization.name')}
            {...form.getInputProps('organization.name')}
          />
          <Radio.Group
            label={t('fields.organizationKind')}
            key={form.key('organization.kind')}
            {...form.getInputProps('organization.kind')}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="GRANTEE" label={t('organizationKind.GRANTEE')} />
              <Radio value="FUNDER" label={t('organizationKind.FUNDER')} />
            </Stack>
          </Radio.Group>
          <CountrySelect
            key={form.key('organization.country')}
            {...form.getInputProps('organization.country')}
          />
          <Radio.Group
            label={t('fields.formOfAddress')}
            key={form.key('organization.formOfAddress')}
            {...form.getInputProps('organization.formOfAddress')}
          >
            <Group mt="xs">
              <Radio value="SIE" label={t('formOfAddress.SIE')} />
              <Radio value="DU" label={t('formOfAddress.DU')} />
            </Group>
          </Radio.Group>
          <Button type="submit" loading={submitting}>
            {t('signup.submit')}
          </Button>
        </Stack>
      </form>
      <Text size="sm">
        {t('signup.haveAccount')}{' '}
        <AnchorLink to="/login" search={{ redirect: next }}>
          {t('signup.logIn')}
        </AnchorLink>
      </Text>
    </AuthLayout>
  );
}
