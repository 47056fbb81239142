import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, createFileRoute } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../lib/client';
import { useFormSubmit } from '../lib/use-form-submit';
import { AuthLayout } from '../ui/auth-layout';
import { FormAlert } from '../ui/form-alert';
import { RequestPasswordResetMutation } from '../features/auth/operations';

export const Route = createFileRoute('/forgot-password')({ component: ForgotPasswordPage });

function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: zod4Resolver(z.object({ email: z.string().trim().email(t('validation.email')) })),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async ({ email }) => {
    await request(RequestPasswordResetMutation, { email: email.trim() });
    setSent(email.trim());
  });
  return (
    <AuthLayout title={t('forgotPassword.title')}>
      {sent ? (
        <Text role="status">{t('forgotPassword.sent', { email: sent })}</Text>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Text size="sm">{t('forgotPassword.intro')}</Text>
            <FormAlert message={topError} />
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="email"
              required
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={submitting}>
              {t('forgotPassword.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t('common.backToLogin')}
      </Anchor>
    </AuthLayout>
  );
}
