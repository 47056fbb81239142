import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { Link, createFileRoute, useNavigate } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../lib/client';
import { currentLanguage } from '../lib/i18n';
import { useFormSubmit } from '../lib/use-form-submit';
import { AuthLayout } from '../ui/auth-layout';
import { FormAlert } from '../ui/form-alert';
import { NewPasswordInput } from '../ui/fields';
import { Loading, errorText } from '../ui/states';
import { AcceptInvitationMutation, InvitationPreviewQuery } from '../features/auth/operations';
import { signedIn } from '../features/auth/sign-in';

export const Route = createFileRoute('/invitations/accept')({
  validateSearch: z.object({ token: z.catch(z.string(), '') }),
  component: AcceptInvitationPage,
});

function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token } = Route.useSearch();
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => request(InvitationPreviewQuery, { token }),
    enabled: token.length > 0,
    retry: false,
  });
  if (!token || preview.isError) {
    return (
      <AuthLayout title={t('invitation.title')}>
        <Alert color="red" role="alert">
          {preview.isError ? errorText(preview.error, t) : t('errors.linkInvalid')}
        </Alert>
        <Anchor component={Link} to="/login">
          {t('common.backToLogin')}
        </Anchor>
      </AuthLayout>
    );
  }
  if (!preview.data) {
    return (
      <AuthLayout title={t('invitation.title')}>
        <Loading />
      </AuthLayout>
    );
  }
  const invitation = preview.data.invitation;
  return (
    <AuthLayout title={t('invitation.titleFor', { organization: invitation.organizationName })}>
      <Text>
        {t('invitation.intro', {
          organization: invitation.organizationName,
          role: t(`role.${invitation.role}`),
          email: invitation.email,
        })}
      </Text>
      <AcceptForm token={token} accountExists={invitation.accountExists} />
    </AuthLayout>
  );
}

function AcceptForm({ token, accountExists }: { token: string; accountExists: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { displayName: '', password: '' },
    validate: zod4Resolver(
      z.object({
        displayName: accountExists
          ? z.string()
          : z.string().check(z.trim(), z.minLength(1, t('validation.required')), z.maxLength(200)),
        password: accountExists
          ? z.string().check(z.minLength(1, t('validation.required')))
          : z.string().check(z.minLength(12, t('validation.passwordLength'))),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    const data = await request(AcceptInvitationMutation, {
      input: {
        token,
        password: values.password,
        ...(accountExists
          ? {}
          : {
              displayName: values.displayName.trim(),
              language: currentLanguage() === 'de' ? ('DE' as const) : ('EN' as const),
            }),
        refreshTokenTransport: 'COOKIE',
      },
    });
    signedIn(data.acceptInvitation);
    await navigate({ to: '/' });
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <FormAlert message={topError} />
        {accountExists ? (
          <>
            <Text size="sm">{t('invitation.existingAccount')}</Text>
            <PasswordInput
              label={t('fields.password')}
              autoComplete="current-password"
              required
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
          </>
        ) : (
          <>
            <TextInput
              label={t('fields.displayName')}
              autoComplete="name"
              required
              key={form.key('displayName')}
              {...form.getInputProps('displayName')}
            />
            <NewPasswordInput key={form.key('password')} {...form.getInputProps('password')} />
          </>
        )}
        <Button type="submit" loading={submitting}>
          {t('invitation.accept')}
        </Button>
      </Stack>
    </form>
  );
}
