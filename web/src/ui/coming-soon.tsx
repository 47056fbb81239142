// Pages whose flows arrive with a later release: a clear statement instead of a 404, so every
// link in an email lands somewhere that says what it is.
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconHourglass } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Page } from './page';

export function ComingSoon({ title, what }: { title: string; what: string }) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <Alert
        icon={<IconHourglass aria-hidden />}
        color="blue"
        title={t('comingSoon.title')}
        data-testid="coming-soon"
      >
        <Stack gap="xs">
          <Text size="sm">{t('comingSoon.body', { what })}</Text>
          <Text size="sm">{t('comingSoon.meanwhile')}</Text>
          <Anchor component={Link} to="/explorer" size="sm">
            {t('nav.explorer')}
          </Anchor>
        </Stack>
      </Alert>
    </Page>
  );
}
