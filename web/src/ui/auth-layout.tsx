// The frame of the pages people see before they are signed in: a centred card with the product
// name and a language choice.
import {
  Anchor,
  Box,
  Container,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { applyLocale, currentFormOfAddress, currentLanguage } from '../lib/i18n';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={currentLanguage()}
      // Changes the language only: a person who chose du on sign-up stays "du".
      onChange={(value) => void applyLocale(value, currentFormOfAddress())}
      data={[
        { value: 'de', label: 'Deutsch' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box bg="gray.0" mih="100vh">
      <Container size={460} py={48}>
        <Group justify="space-between" mb="lg">
          <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
            Meilenstein
          </Anchor>
          <LanguageSwitch />
        </Group>
        <main>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Stack gap="md">
              <Title order={1} size="h2">
                {title}
              </Title>
              {children}
            </Stack>
          </Paper>
        </main>
        <Text c="dimmed" size="xs" ta="center" mt="lg">
          {t('auth.tagline')}
        </Text>
      </Container>
    </Box>
  );
}
