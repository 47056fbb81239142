// The frame of the public call pages, readable signed out: the product name, the language choice
// and the way in (log in, sign up) — or back to the app for people signed in.
import { Anchor, Box, Container, Group } from '@mantine/core';
import { ButtonLink } from './button-link';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { useSession } from '../../lib/session';
import { LanguageSwitch } from '../../ui/auth-layout';

export function PublicFrame({ children, back }: { children: ReactNode; back?: string }) {
  const { t } = useTranslation();
  const signedIn = useSession() !== null;
  const here = back ?? (typeof window !== 'undefined' ? window.location.pathname : '/calls');
  return (
    <Box bg="gray.0" mih="100vh">
      <Box
        component="header"
        bg="white"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Container size="lg" py="sm">
          <Group justify="space-between">
            <Group gap="lg">
              <Anchor component={Link} to="/calls" fw={700} size="lg" underline="never">
                Meilenstein
              </Anchor>
              <Anchor component={Link} to="/calls" size="sm">
                {t('calls.navTitle')}
              </Anchor>
            </Group>
            <Group gap="sm">
              <LanguageSwitch />
              {signedIn ? (
                <ButtonLink to="/" variant="light" size="xs">
                  {t('calls.toApp')}
                </ButtonLink>
              ) : (
                <>
                  <ButtonLink to="/login" search={{ redirect: here }} variant="subtle" size="xs">
                    {t('calls.logIn')}
                  </ButtonLink>
                  <ButtonLink to="/signup" search={{ redirect: here }} size="xs">
                    {t('calls.signUp')}
                  </ButtonLink>
                </>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py="xl" component="main">
        {children}
      </Container>
    </Box>
  );
}
