import { createFileRoute } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../lib/client';
import { VerifyEmailMutation } from '../features/auth/operations';
import { LinkActionPage } from '../features/auth/link-action';
import { signedIn, takeAfterSignUp } from '../features/auth/sign-in';
import { applyLocaleOf } from '../lib/i18n';

export const Route = createFileRoute('/verify-email')({
  validateSearch: z.object({ token: z.catch(z.string(), '') }),
  component: VerifyEmailPage,
});

function VerifyEmailPage() {
  const { t } = useTranslation();
  const { token } = Route.useSearch();
  const [next, setNext] = useState('/');
  const verify = useCallback(async (value: string) => {
    const data = await request(VerifyEmailMutation, { token: value });
    signedIn(data.verifyEmail);
    // The page confirms in the form of address of the new organisation (du or Sie).
    await applyLocaleOf(data.verifyEmail);
    setNext(takeAfterSignUp());
  }, []);
  return (
    <LinkActionPage
      title={t('verifyEmail.title')}
      token={token}
      action={verify}
      success={t('verifyEmail.done')}
      continueTo={next}
    />
  );
}
