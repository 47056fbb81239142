import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { errorText } from '../../ui/states';
import { ResendVerificationMutation } from '../auth/operations';
import { useViewer } from '../session/viewer';

/** Until the address is confirmed some things wait (funder sign-up, money decisions): say so. */
export function VerificationBanner() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [busy, setBusy] = useState(false);
  if (!viewer.me.person || viewer.me.person.emailVerified) return null;
  const resend = async () => {
    setBusy(true);
    try {
      await request(ResendVerificationMutation);
      notifications.show({
        color: 'teal',
        message: t('verifyEmail.resent', { email: viewer.me.person?.email }),
      });
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert color="yellow" mb="lg" title={t('verifyEmail.bannerTitle')}>
      <Group justify="space-between">
        <Text size="sm">{t('verifyEmail.banner', { email: viewer.me.person.email })}</Text>
        <Button size="xs" variant="white" color="dark" loading={busy} onClick={() => void resend()}>
          {t('verifyEmail.resend')}
        </Button>
      </Group>
    </Alert>
  );
}
