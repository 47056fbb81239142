import { createFileRoute } from '@tanstack/react-router';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { request } from '../lib/client';
import { queryClient } from '../lib/query-client';
import { ConfirmEmailChangeMutation } from '../features/auth/operations';
import { LinkActionPage } from '../features/auth/link-action';

export const Route = createFileRoute('/confirm-email')({
  validateSearch: z.object({ token: z.catch(z.string(), '') }),
  component: ConfirmEmailPage,
});

function ConfirmEmailPage() {
  const { t } = useTranslation();
  const { token } = Route.useSearch();
  const confirm = useCallback(async (value: string) => {
    await request(ConfirmEmailChangeMutation, { token: value });
    await queryClient.invalidateQueries({ queryKey: ['viewer'] });
  }, []);
  return (
    <LinkActionPage
      title={t('confirmEmail.title')}
      token={token}
      action={confirm}
      success={t('confirmEmail.done')}
    />
  );
}
