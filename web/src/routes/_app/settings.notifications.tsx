import { Badge, Switch, Table, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { useAction } from '../../lib/use-action';
import {
  NotificationPreferencesQuery,
  SetNotificationPreferenceMutation,
} from '../../features/settings/operations';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

export const Route = createFileRoute('/_app/settings/notifications')({
  component: PreferencesPage,
});

function PreferencesPage() {
  const { t } = useTranslation();
  const { data } = useSuspenseQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => request(NotificationPreferencesQuery),
  });
  const run = useAction([['notification-preferences']]);
  return (
    <Page title={t('preferences.title')} description={t('preferences.description')}>
      <Section title={t('preferences.kinds')} description={t('preferences.mandatoryHint')}>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('preferences.kind')}</Table.Th>
                <Table.Th>{t('preferences.inApp')}</Table.Th>
                <Table.Th>{t('preferences.email')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.notificationPreferences.map((p) => {
                const label = t(`notificationKind.${p.kind}`);
                return (
                  <Table.Tr key={p.kind}>
                    <Table.Td>
                      <Text size="sm">{label}</Text>
                      {p.mandatory && (
                        <Badge size="xs" variant="light" color="gray">
                          {t('preferences.mandatory')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t('preferences.inAppFor', { kind: label })}
                        checked={p.inApp}
                        disabled={p.mandatory}
                        onChange={(e) =>
                          void run(
                            () =>
                              request(SetNotificationPreferenceMutation, {
                                input: {
                                  kind: p.kind,
                                  inApp: e.currentTarget.checked,
                                  email: p.email,
                                },
                              }),
                            t('preferences.saved'),
                          )
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t('preferences.emailFor', { kind: label })}
                        checked={p.email}
                        disabled={p.mandatory}
                        onChange={(e) =>
                          void run(
                            () =>
                              request(SetNotificationPreferenceMutation, {
                                input: {
                                  kind: p.kind,
                                  inApp: p.inApp,
                                  email: e.currentTarget.checked,
                                },
                              }),
                            t('preferences.saved'),
                          )
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
    </Page>
  );
}
