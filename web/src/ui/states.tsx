// Loading, empty and error states every page uses, so each looks and reads the same.
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInbox } from '@tabler/icons-react';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/client';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm" c="dimmed">
        {t('common.loading')}
      </Text>
    </Center>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Stack align="center" py="xl" gap="xs" c="dimmed">
      <IconInbox aria-hidden size={32} />
      <Text>{children}</Text>
    </Stack>
  );
}

export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('errors.network');
    if (error.code === 'NOT_FOUND') return t('errors.notFound');
    if (error.code === 'FORBIDDEN') return error.message || t('errors.forbidden');
    // The API's own words where it speaks to people; technical failures get ours.
    if (['INTERNAL_SERVER_ERROR', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED'].includes(error.code))
      return t('errors.unexpected');
    return error.message || t('errors.unexpected');
  }
  return t('errors.unexpected');
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('errors.title')}
      role="alert"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorText(error, t)}</Text>
        {onRetry && (
          <Button variant="light" color="red" size="xs" onClick={onRetry}>
            {t('common.tryAgain')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  const { reset: resetQueries } = useQueryErrorResetBoundary();
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('errors.title')}
      </Title>
      <ErrorState
        error={error}
        onRetry={() => {
          resetQueries();
          reset();
        }}
      />
    </Stack>
  );
}
