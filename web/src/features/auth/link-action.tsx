// Pages opened from an emailed link that do their work at once (verify an address, confirm a new
// one): they show progress, then the outcome, and never act twice for one page view.
import { Alert, Anchor, Stack } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthLayout } from '../../ui/auth-layout';
import { Loading, errorText } from '../../ui/states';

export function LinkActionPage({
  title,
  token,
  action,
  success,
  continueTo = '/',
}: {
  title: string;
  token: string;
  action: (token: string) => Promise<void>;
  success: string;
  /** Where "continue" leads after success (a path of this app). */
  continueTo?: string;
}) {
  const { t } = useTranslation();
  const started = useRef(false);
  const [state, setState] = useState<
    { status: 'working' } | { status: 'done' } | { status: 'failed'; message: string }
  >(token ? { status: 'working' } : { status: 'failed', message: t('errors.linkInvalid') });
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    action(token).then(
      () => setState({ status: 'done' }),
      (error: unknown) => setState({ status: 'failed', message: errorText(error, t) }),
    );
  }, [token, action, t]);
  return (
    <AuthLayout title={title}>
      {state.status === 'working' && <Loading />}
      {state.status === 'done' && (
        <Stack>
          <Alert color="teal" role="status">
            {success}
          </Alert>
          <Anchor component={Link} to={continueTo}>
            {t('common.continue')}
          </Anchor>
        </Stack>
      )}
      {state.status === 'failed' && (
        <Stack>
          <Alert color="red" role="alert">
            {state.message}
          </Alert>
          <Anchor component={Link} to="/login">
            {t('common.backToLogin')}
          </Anchor>
        </Stack>
      )}
    </AuthLayout>
  );
}
