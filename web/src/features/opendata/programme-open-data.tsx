// A programme's open grant data on its page: which grants the funder publishes (a switch per
// grant for owners and managers) and the export in the 360Giving Data Standard (JSON or XLSX).
import { Button, Group, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { readFragment, type FragmentOf } from '../../lib/graphql';
import { useAction } from '../../lib/use-action';
import { errorText } from '../../ui/states';
import { notifyError } from '../../ui/notify';
import { Section } from '../../ui/section';
import {
  OpenGrantDataLinkMutation,
  PublishableGrantFragment,
  SetGrantPublicationMutation,
} from './operations';

export function ProgrammeOpenData({
  programmeId,
  grants,
  canPublish,
}: {
  programmeId: string;
  grants: readonly FragmentOf<typeof PublishableGrantFragment>[];
  canPublish: boolean;
}) {
  const { t } = useTranslation();
  const run = useAction([['programme', programmeId]]);
  const [busy, setBusy] = useState<string | null>(null);
  const rows = grants.map((g) => readFragment(PublishableGrantFragment, g));
  const published = rows.filter((g) => g.publication.publishable).length;
  const download = async (format: 'JSON' | 'XLSX') => {
    setBusy(format);
    try {
      const { createOpenGrantDataDownloadLink } = await request(OpenGrantDataLinkMutation, {
        programmeId,
        format,
      });
      const a = document.createElement('a');
      a.href = createOpenGrantDataDownloadLink.url;
      a.download = `360giving.${format.toLowerCase()}`;
      a.click();
    } catch (error) {
      notifyError(errorText(error, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title={t('openData.programmeTitle')} description={t('openData.programmeHint')}>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('openData.noGrants')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('openData.grant')}</Table.Th>
              <Table.Th>{t('openData.grantee')}</Table.Th>
              <Table.Th>{t('openData.publishable')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  {g.reference} · {g.title}
                </Table.Td>
                <Table.Td>{g.grantee.name}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('openData.publishLabel', { grant: g.reference })}
                    checked={g.publication.publishable}
                    disabled={!canPublish}
                    onChange={(event) =>
                      void run(
                        () =>
                          request(SetGrantPublicationMutation, {
                            grantId: g.id,
                            input: { publishable: event.currentTarget.checked },
                          }),
                        t('openData.publicationSaved'),
                      )
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Text size="sm" c="dimmed">
          {t('openData.publishedCount', { count: published })}
        </Text>
        <Button
          variant="light"
          loading={busy === 'JSON'}
          disabled={published === 0}
          onClick={() => void download('JSON')}
        >
          {t('openData.exportJson')}
        </Button>
        <Button
          variant="light"
          loading={busy === 'XLSX'}
          disabled={published === 0}
          onClick={() => void download('XLSX')}
        >
          {t('openData.exportXlsx')}
        </Button>
      </Group>
    </Section>
  );
}
