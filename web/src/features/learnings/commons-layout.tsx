// The frame of the public library: readable without signing in, with the product name, a
// language choice and the way into the app.
import { Anchor, Box, Container, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { useSession } from '../../lib/session';
import { LanguageSwitch } from '../../ui/auth-layout';

export function CommonsLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const signedIn = useSession() !== null;
  return (
    <Box mih="100vh">
      <Box
        component="header"
        bg="gray.0"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Container size="lg">
          <Group justify="space-between">
            <Group gap="lg">
              <Anchor component={Link} to="/commons" fw={700} size="lg" underline="never">
                {t('commons.brand')}
              </Anchor>
            </Group>
            <Group gap="md">
              <LanguageSwitch />
              {signedIn ? (
                <Anchor component={Link} to="/learnings">
                  {t('commons.toApp')}
                </Anchor>
              ) : (
                <Anchor component={Link} to="/login">
                  {t('commons.signIn')}
                </Anchor>
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
