// The app shell: header with organisation switcher, notifications and the person's menu; a
// navigation that shows what the person's role and organisation kind can use.
import {
  ActionIcon,
  Anchor,
  AppShell,
  Avatar,
  Badge,
  Burger,
  Group,
  Indicator,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconApi,
  IconBell,
  IconBulb,
  IconBuilding,
  IconFileText,
  IconHome,
  IconKey,
  IconListDetails,
  IconLogout,
  IconSettings,
  IconUser,
  IconUsers,
  IconWebhook,
  IconCash,
  IconTargetArrow,
} from '@tabler/icons-react';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLocaleOf } from '../../lib/i18n';
import { queryClient } from '../../lib/query-client';
import { session } from '../../lib/session';
import { notifyError } from '../../ui/notify';
import { errorText } from '../../ui/states';
import { logOut } from '../auth/sign-in';
import { hasRole, useViewer } from '../session/viewer';
import { VerificationBanner } from './verification-banner';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  show: boolean;
}

export function AppLayout() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { person, organization, memberships } = viewer.me;

  useEffect(() => {
    if (person) void applyLocaleOf({ person, organization });
  }, [person, organization]);

  useEffect(() => close(), [pathname, close]);

  const funder = organization?.kind === 'FUNDER';
  const owner = hasRole(viewer, 'OWNER');
  const items: { heading?: string; items: NavItem[] }[] = [
    {
      items: [
        { to: '/', label: t('nav.home'), icon: <IconHome size={18} aria-hidden />, show: true },
        {
          to: '/programmes',
          label: t('nav.programmes'),
          icon: <IconTargetArrow size={18} aria-hidden />,
          show: funder,
        },
        {
          to: '/applications',
          label: t('nav.applications'),
          icon: <IconFileText size={18} aria-hidden />,
          show: true,
        },
        {
          to: '/grants',
          label: t('nav.grants'),
          icon: <IconCash size={18} aria-hidden />,
          show: true,
        },
        {
          to: '/learnings',
          label: t('learnings.title'),
          icon: <IconBulb size={18} aria-hidden />,
          show: true,
        },
        {
          to: '/notifications',
          label: t('nav.notifications'),
          icon: <IconBell size={18} aria-hidden />,
          show: true,
        },
      ],
    },
    {
      heading: t('nav.settings'),
      items: [
        {
          to: '/settings/organization',
          label: t('nav.organization'),
          icon: <IconBuilding size={18} aria-hidden />,
          show: true,
        },
        {
          to: '/settings/members',
          label: t('nav.members'),
          icon: <IconUsers size={18} aria-hidden />,
          show: true,
        },
        {
          to: '/settings/notifications',
          label: t('nav.notificationSettings'),
          icon: <IconSettings size={18} aria-hidden />,
          show: true,
        },
        {
          to: '/settings/api-keys',
          label: t('nav.apiKeys'),
          icon: <IconKey size={18} aria-hidden />,
          show: owner,
        },
        {
          to: '/settings/webhooks',
          label: t('nav.webhooks'),
          icon: <IconWebhook size={18} aria-hidden />,
          show: owner,
        },
        {
          to: '/settings/audit',
          label: t('nav.audit'),
          icon: <IconListDetails size={18} aria-hidden />,
          show: hasRole(viewer, 'OWNER', 'AUDITOR'),
        },
      ],
    },
    {
      heading: t('nav.developers'),
      items: [
        {
          to: '/explorer',
          label: t('nav.explorer'),
          icon: <IconApi size={18} aria-hidden />,
          show: true,
        },
      ],
    },
  ];

  const switchTo = (organizationId: string | null) => {
    if (!organizationId || organizationId === organization?.id) return;
    session.setOrganizationId(organizationId);
    queryClient.clear();
    void navigate({ to: '/' });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <Anchor href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.menu')}
            />
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
              Meilenstein
            </Anchor>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {memberships.length > 1 ? (
              <Select
                aria-label={t('shell.organization')}
                size="sm"
                w={220}
                value={organization?.id ?? null}
                onChange={switchTo}
                allowDeselect={false}
                data={memberships.map((m) => ({
                  value: m.organization.id,
                  label: m.organization.name,
                }))}
              />
            ) : (
              <Text size="sm" fw={500} visibleFrom="xs">
                {organization?.name}
              </Text>
            )}
            <Indicator
              label={viewer.unreadNotificationCount}
              disabled={viewer.unreadNotificationCount === 0}
              size={16}
              offset={4}
            >
              <ActionIcon
                component={Link}
                to="/notifications"
                variant="subtle"
                size="lg"
                aria-label={t('shell.notifications', { count: viewer.unreadNotificationCount })}
              >
                <IconBell aria-hidden />
              </ActionIcon>
            </Indicator>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('shell.account')}>
                  <Avatar radius="xl" size="md" color="blue">
                    {(person?.displayName ?? '?').slice(0, 1).toUpperCase()}
                  </Avatar>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{person?.displayName}</Menu.Label>
                <Menu.Item
                  component={Link}
                  to="/profile"
                  leftSection={<IconUser size={16} aria-hidden />}
                >
                  {t('nav.profile')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={16} aria-hidden />}
                  onClick={() => {
                    // Once the session has ended the shell goes to the log-in page by itself.
                    logOut().catch((error: unknown) => notifyError(errorText(error, t)));
                  }}
                >
                  {t('shell.logOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        {/* Scrollbar shown whenever the items overflow: at short window heights the lower ones
            (the API explorer) would otherwise sit below the fold with nothing to say so. */}
        <AppShell.Section grow component={ScrollArea} type="auto" scrollbars="y">
          <div>
            {items.map((group, index) => (
              <div key={index}>
                {group.heading && (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
                    {group.heading}
                  </Text>
                )}
                {group.items
                  .filter((item) => item.show)
                  .map((item) => (
                    <NavLink
                      key={item.to}
                      component={Link}
                      to={item.to}
                      label={item.label}
                      leftSection={item.icon}
                      active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
                    />
                  ))}
              </div>
            ))}
          </div>
        </AppShell.Section>
        <AppShell.Section>
          <Group gap={6} px="sm" py="xs">
            <Badge variant="light" color={funder ? 'grape' : 'teal'}>
              {t(`organizationKind.${organization?.kind ?? 'GRANTEE'}`)}
            </Badge>
            {viewer.me.roles.map((role) => (
              <Badge key={role} variant="outline">
                {t(`role.${role}`)}
              </Badge>
            ))}
            <VisuallyHidden>{organization?.name}</VisuallyHidden>
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <VerificationBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
