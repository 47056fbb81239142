import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { hasRole, useViewer } from '../../features/session/viewer';
import { Page } from '../../ui/page';

export const Route = createFileRoute('/_app/')({ component: HomePage });

function HomePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { person, organization } = viewer.me;
  const funder = organization?.kind === 'FUNDER';
  const cards = [
    {
      to: '/notifications',
      title: t('home.notifications'),
      body: t('home.notificationsBody', { count: viewer.unreadNotificationCount }),
    },
    { to: '/settings/members', title: t('nav.members'), body: t('home.membersBody') },
    { to: '/profile', title: t('nav.profile'), body: t('home.profileBody') },
    ...(hasRole(viewer, 'OWNER')
      ? [{ to: '/settings/api-keys', title: t('nav.apiKeys'), body: t('home.apiKeysBody') }]
      : []),
    { to: '/explorer', title: t('nav.explorer'), body: t('home.explorerBody') },
  ];
  return (
    <Page
      title={t('home.title', { name: person?.displayName ?? '' })}
      description={
        funder
          ? t('home.funderIntro', { organization: organization?.name })
          : t('home.granteeIntro', { organization: organization?.name })
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {cards.map((card) => (
          <Card key={card.to} withBorder padding="lg">
            <Stack gap="xs">
              <Title order={2} size="h4">
                <Anchor component={Link} to={card.to}>
                  {card.title}
                </Anchor>
              </Title>
              <Text size="sm" c="dimmed">
                {card.body}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
