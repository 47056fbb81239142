import { Anchor, Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useAction } from '../../lib/use-action';
import {
  MarkNotificationsReadMutation,
  NotificationsQuery,
} from '../../features/settings/operations';
import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';
import { nextPageCursor } from '../../lib/pages';
import { LoadMore } from '../../ui/load-more';

export const Route = createFileRoute('/_app/notifications')({ component: NotificationsPage });

/** Links in notifications point at this app; open them inside it. */
function inAppPath(link: string): string {
  try {
    const url = new URL(link, window.location.origin);
    return url.pathname.startsWith('//') ? '/' : `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

function NotificationsPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const query = useSuspenseInfiniteQuery({
    queryKey: ['notifications', filter],
    queryFn: ({ pageParam }) =>
      request(NotificationsQuery, { after: pageParam, unreadOnly: filter === 'unread' }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextPageCursor(last.notifications.pageInfo),
  });
  const run = useAction([['notifications'], ['viewer']]);
  const items = query.data.pages.flatMap((p) => p.notifications.nodes);
  const unread = query.data.pages[0]?.unreadNotificationCount ?? 0;
  return (
    <Page
      title={t('notifications.title')}
      description={t('notifications.unread', { count: unread })}
      actions={
        <Button
          variant="light"
          disabled={unread === 0}
          onClick={() =>
            void run(
              () => request(MarkNotificationsReadMutation, { input: { all: true } }),
              t('notifications.allRead'),
            )
          }
        >
          {t('notifications.markAllRead')}
        </Button>
      }
    >
      <SegmentedControl
        aria-label={t('notifications.filter')}
        value={filter}
        onChange={(v) => setFilter(v)}
        data={[
          { value: 'all', label: t('notifications.all') },
          { value: 'unread', label: t('notifications.onlyUnread') },
        ]}
        w="fit-content"
      />
      {items.length === 0 ? (
        <Empty>{t('notifications.empty')}</Empty>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((n) => (
            <Card key={n.id} withBorder component="li" bg={n.readAt ? undefined : 'blue.0'}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4}>
                  <Group gap="xs">
                    {!n.readAt && <Badge size="xs">{t('notifications.new')}</Badge>}
                    <Text fw={600}>{n.title}</Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {n.body}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.createdAt, locale)} · {t(`notificationKind.${n.kind}`)}
                  </Text>
                </Stack>
                <Stack gap="xs" align="flex-end">
                  <Anchor
                    href={inAppPath(n.link)}
                    size="sm"
                    aria-label={t('notifications.openNamed', { title: n.title })}
                    onClick={() => {
                      if (!n.readAt)
                        void request(MarkNotificationsReadMutation, { input: { ids: [n.id] } });
                    }}
                  >
                    {t('notifications.open')}
                  </Anchor>
                  {!n.readAt && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={t('notifications.markReadNamed', { title: n.title })}
                      onClick={() =>
                        void run(() =>
                          request(MarkNotificationsReadMutation, { input: { ids: [n.id] } }),
                        )
                      }
                    >
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <LoadMore query={query} />
    </Page>
  );
}
