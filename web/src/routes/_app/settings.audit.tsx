import { Button, Code, Group, Spoiler, Stack, Table, Text, TextInput } from '@mantine/core';
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { AuditEventsQuery } from '../../features/settings/operations';
import { Page } from '../../ui/page';
import { Empty } from '../../ui/states';
import { nextPageCursor } from '../../lib/pages';
import { LoadMore } from '../../ui/load-more';

export const Route = createFileRoute('/_app/settings/audit')({ component: AuditPage });

function AuditPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const [draft, setDraft] = useState('');
  const [action, setAction] = useState('');
  const query = useSuspenseInfiniteQuery({
    queryKey: ['audit', action],
    queryFn: ({ pageParam }) =>
      request(AuditEventsQuery, { after: pageParam, filter: action ? { action } : undefined }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextPageCursor(last.auditEvents.pageInfo),
  });
  const events = query.data.pages.flatMap((p) => p.auditEvents.nodes);
  return (
    <Page title={t('audit.title')} description={t('audit.description')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setAction(draft.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('audit.actionFilter')}
            description={t('audit.actionHint')}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            w={320}
          />
          <Button type="submit" variant="light">
            {t('audit.filter')}
          </Button>
        </Group>
      </form>
      <Text size="sm" c="dimmed">
        {t('audit.count', { count: query.data.pages[0]?.auditEvents.totalCount ?? 0 })}
      </Text>
      {events.length === 0 ? (
        <Empty>{t('audit.empty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.subject')}</Table.Th>
                <Table.Th>{t('audit.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(e.createdAt, locale)}
                  </Table.Td>
                  <Table.Td>
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    {t(`audit.actorKind.${e.actorKind}`, { defaultValue: e.actorKind })}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{e.subjectType}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.subjectId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {(e.before || e.after) && (
                      <Spoiler
                        maxHeight={0}
                        showLabel={t('audit.show')}
                        hideLabel={t('audit.hide')}
                      >
                        <Stack gap={4}>
                          {e.before && <Code block>{JSON.stringify(e.before, null, 1)}</Code>}
                          {e.after && <Code block>{JSON.stringify(e.after, null, 1)}</Code>}
                        </Stack>
                      </Spoiler>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore query={query} />
    </Page>
  );
}
