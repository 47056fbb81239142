import { Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, createFileRoute, redirect, useNavigate } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../lib/client';
import { session } from '../lib/session';
import { useFormSubmit } from '../lib/use-form-submit';
import { AuthLayout } from '../ui/auth-layout';
import { AnchorLink } from '../ui/links';
import { FormAlert } from '../ui/form-alert';
import { LogInMutation } from '../features/auth/operations';
import { safeRedirect, signedIn } from '../features/auth/sign-in';

export const Route = createFileRoute('/login')({
  validateSearch: z.object({ redirect: z.optional(z.string()), reset: z.optional(z.boolean()) }),
  beforeLoad: ({ search }) => {
    if (session.get()) throw redirect({ to: safeRedirect(search.redirect) });
  },
  component: LoginPage,
});

function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = Route.useSearch();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: zod4Resolver(
      z.object({
        email: z.string().check(z.trim(), z.email(t('validation.email'))),
        password: z.string().check(z.minLength(1, t('validation.required'))),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    const data = await request(LogInMutation, {
      input: {
        email: values.email.trim(),
        password: values.password,
        refreshTokenTransport: 'COOKIE',
      },
    });
    signedIn(data.logIn);
    await navigate({ to: safeRedirect(search.redirect) });
  });
  return (
    <AuthLayout title={t('login.title')}>
      {search.reset && <Text c="teal.9">{t('resetPassword.done')}</Text>}
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormAlert message={topError} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Group justify="space-between">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('login.forgot')}
            </Anchor>
            <Button type="submit" loading={submitting}>
              {t('login.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Text size="sm">
        {t('login.noAccount')}{' '}
        <AnchorLink to="/signup" search={{ redirect: search.redirect }}>
          {t('login.signUp')}
        </AnchorLink>
      </Text>
    </AuthLayout>
  );
}
