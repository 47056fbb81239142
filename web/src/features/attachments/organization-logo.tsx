// An organisation's logo in its settings: the latest upload shown as it will appear on reports
// (through a short-lived signed link), with the upload zone for PNG or JPEG for its administrators.
import { Image, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { Attachments } from './attachments';
import { AttachmentDownloadLinkMutation, AttachmentsQuery } from './operations';

export function OrganizationLogo({
  organizationId,
  organizationName,
  canEdit,
}: {
  organizationId: string;
  organizationName: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const files = useQuery({
    queryKey: ['attachments', 'ORGANIZATION_LOGO', organizationId],
    queryFn: () =>
      request(AttachmentsQuery, { parentType: 'ORGANIZATION_LOGO', parentId: organizationId }),
  });
  const all = files.data?.attachments ?? [];
  // Reports use the latest logo; older ones stay listed until removed.
  const latest = all.at(-1);
  const preview = useQuery({
    queryKey: ['logoPreview', latest?.id],
    enabled: latest !== undefined,
    staleTime: 60_000,
    queryFn: () => request(AttachmentDownloadLinkMutation, { attachmentId: latest!.id }),
  });
  const url = preview.data?.createAttachmentDownloadLink.url;
  return (
    <Stack gap="sm">
      {latest && url ? (
        <Image
          src={url}
          alt={t('attachments.logoAlt', { name: organizationName })}
          maw={240}
          mah={120}
          fit="contain"
          data-testid="logo-preview"
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('attachments.noLogo')}
        </Text>
      )}
      <Attachments
        parentType="ORGANIZATION_LOGO"
        parentId={organizationId}
        label={t('attachments.logoLabel')}
        attachments={all}
        canUpload={canEdit}
        kind="logo"
        compact
      />
    </Stack>
  );
}
