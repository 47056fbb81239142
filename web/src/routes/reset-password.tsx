import { Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, createFileRoute, useNavigate } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../lib/client';
import { useFormSubmit } from '../lib/use-form-submit';
import { AuthLayout } from '../ui/auth-layout';
import { FormAlert } from '../ui/form-alert';
import { NewPasswordInput } from '../ui/fields';
import { ResetPasswordMutation } from '../features/auth/operations';

export const Route = createFileRoute('/reset-password')({
  validateSearch: z.object({ token: z.catch(z.string(), '') }),
  component: ResetPasswordPage,
});

function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { token } = Route.useSearch();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { newPassword: '', repeat: '' },
    validate: zod4Resolver(
      z
        .object({
          newPassword: z.string().check(z.minLength(12, t('validation.passwordLength'))),
          repeat: z.string(),
        })
        .check(
          z.refine((v) => v.newPassword === v.repeat, {
            path: ['repeat'],
            message: t('validation.passwordsDiffer'),
          }),
        ),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async ({ newPassword }) => {
    await request(ResetPasswordMutation, { token, newPassword });
    await navigate({ to: '/login', search: { reset: true } });
  });
  return (
    <AuthLayout title={t('resetPassword.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <FormAlert message={token ? topError : t('errors.linkInvalid')} />
          <NewPasswordInput key={form.key('newPassword')} {...form.getInputProps('newPassword')} />
          <PasswordInput
            label={t('fields.repeatPassword')}
            autoComplete="new-password"
            required
            key={form.key('repeat')}
            {...form.getInputProps('repeat')}
          />
          <Button type="submit" loading={submitting} disabled={!token}>
            {t('resetPassword.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password" size="sm">
        {t('resetPassword.newLink')}
      </Anchor>
    </AuthLayout>
  );
}
