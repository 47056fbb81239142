// Files attached to one parent (a spend entry's receipts, an application's or review's documents, a
// change notice's evidence, an organisation's logo): listed with downloads through short-lived
// signed links, uploaded by the file picker or by dropping a file on the zone, with progress, and
// removed where the caller's organisation uploaded them. The API decides what is accepted (by the
// content, not the name); its refusals are put into words from the catalogues.
import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../lib/client';
import { formattingLocale } from '../../lib/i18n';
import { ConfirmButton } from '../../ui/confirm-button';
import { notifyError, notifySuccess } from '../../ui/notify';
import {
  AttachmentDownloadLinkMutation,
  AttachmentLimitsQuery,
  AttachmentsQuery,
  DeleteAttachmentMutation,
} from './operations';
import { uploadAttachment, type AttachmentParentType } from './upload';

export interface AttachmentItem {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

const ACCEPT: Record<'documents' | 'logo', string> = {
  documents: 'application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp',
  logo: 'image/png,image/jpeg,.png,.jpg,.jpeg',
};

/** "1,2 MB" / "830 kB" in the person's locale. */
export function formatSize(bytes: number, locale: string): string {
  const mega = bytes >= 1_000_000;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: mega ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mega ? 1 : 0,
  }).format(mega ? bytes / 1_000_000 : Math.max(1, bytes / 1000));
}

/** Opens a short-lived signed link for the attachment as a download. */
export async function downloadAttachment(id: string, fileName: string): Promise<void> {
  const { createAttachmentDownloadLink } = await request(AttachmentDownloadLinkMutation, {
    attachmentId: id,
  });
  const a = document.createElement('a');
  a.href = createAttachmentDownloadLink.url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

export function Attachments({
  parentType,
  parentId,
  label,
  attachments,
  canUpload,
  canDelete = canUpload,
  onChanged,
  kind = 'documents',
  compact = false,
}: {
  parentType: AttachmentParentType;
  parentId: string;
  /** What the files are, e.g. "Receipts of the laptop" — names the list and the upload zone. */
  label: string;
  /** The files, when the page's own query fetched them; otherwise this component asks for them. */
  attachments?: readonly AttachmentItem[];
  canUpload: boolean;
  canDelete?: boolean;
  /** After an upload or removal: refresh the page's query. */
  onChanged?: () => Promise<unknown>;
  kind?: 'documents' | 'logo';
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const queryClient = useQueryClient();
  const own = useQuery({
    queryKey: ['attachments', parentType, parentId],
    queryFn: () => request(AttachmentsQuery, { parentType, parentId }),
    enabled: attachments === undefined,
  });
  const files = attachments ?? own.data?.attachments ?? [];
  // The size limit, to refuse a large file before sending it: the API closes the connection on
  // an oversized upload, which a browser reports as a failed connection, not as the refusal.
  const limits = useQuery({
    queryKey: ['attachmentLimits'],
    queryFn: () => request(AttachmentLimitsQuery),
    staleTime: Infinity,
    enabled: canUpload,
  });
  const maxBytes = limits.data?.attachmentLimits.maxBytes;
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['attachments', parentType, parentId] });
    await onChanged?.();
  };

  const refusal = (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('attachments.refused.unknown');
    if (error.isNetwork) return t('attachments.refused.network');
    const ext = error.errors[0]?.extensions ?? {};
    switch (error.reason) {
      case 'TOO_LARGE': {
        const max = typeof ext.maxBytes === 'number' ? ext.maxBytes : null;
        return max
          ? t('attachments.refused.TOO_LARGE', { max: formatSize(max, locale) })
          : t('attachments.refused.TOO_LARGE_plain');
      }
      case 'UNSUPPORTED_TYPE':
        return t(`attachments.refused.UNSUPPORTED_TYPE_${kind}`);
      case 'EMPTY':
      case 'INFECTED':
      case 'NOT_YOURS':
        return t(`attachments.refused.${error.reason}`);
    }
    if (error.code === 'NOT_FOUND') return t('attachments.refused.NOT_FOUND');
    if (error.code === 'UNAUTHENTICATED') return t('attachments.refused.UNAUTHENTICATED');
    return t('attachments.refused.unknown');
  };

  const upload = async (file: File | undefined) => {
    if (!file || progress) return;
    setProblem(null);
    if (maxBytes !== undefined && file.size > maxBytes) {
      setProblem(
        t('attachments.refusedFile', {
          name: file.name,
          why: t('attachments.refused.TOO_LARGE', { max: formatSize(maxBytes, locale) }),
        }),
      );
      if (input.current) input.current.value = '';
      return;
    }
    setProgress({ name: file.name, percent: 0 });
    try {
      const uploaded = await uploadAttachment(parentType, parentId, file, (percent) =>
        setProgress({ name: file.name, percent }),
      );
      notifySuccess(t('attachments.uploaded', { name: uploaded.fileName }));
      await refresh();
    } catch (error) {
      setProblem(t('attachments.refusedFile', { name: file.name, why: refusal(error) }));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const download = async (file: AttachmentItem) => {
    try {
      await downloadAttachment(file.id, file.fileName);
    } catch {
      notifyError(t('attachments.downloadFailed'));
    }
  };

  const remove = async (file: AttachmentItem) => {
    try {
      await request(DeleteAttachmentMutation, { attachmentId: file.id });
      notifySuccess(t('attachments.deleted', { name: file.fileName }));
      await refresh();
    } catch (error) {
      notifyError(refusal(error));
    }
  };

  const chooseText = t(kind === 'logo' ? 'attachments.chooseLogo' : 'attachments.chooseFile');

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  };

  return (
    <Stack gap="xs" data-testid={`attachments-${parentType}-${parentId}`}>
      {files.length === 0 ? (
        <Text size={compact ? 'xs' : 'sm'} c="dimmed">
          {t(compact ? 'attachments.noneShort' : 'attachments.none')}
        </Text>
      ) : (
        <Stack component="ul" gap={4} aria-label={label} m={0} p={0} style={{ listStyle: 'none' }}>
          {files.map((file) => (
            <Group component="li" key={file.id} gap="xs" wrap="nowrap" data-attachment={file.id}>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => void download(file)}
                aria-label={t('attachments.download', { name: file.fileName })}
              >
                {file.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t(`attachments.type.${typeKey(file.contentType)}`)} ·{' '}
                {formatSize(file.sizeBytes, locale)}
              </Text>
              {canDelete && (
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('attachments.delete', { name: file.fileName })}
                  title={t('attachments.deleteTitle')}
                  message={t('attachments.deleteMessage', { name: file.fileName })}
                  confirmLabel={t('attachments.deleteConfirm')}
                  onConfirm={() => remove(file)}
                >
                  {t('attachments.deleteShort')}
                </ConfirmButton>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {canUpload && (
        <Paper
          withBorder
          p={compact ? 'xs' : 'sm'}
          radius="md"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            borderStyle: 'dashed',
            background: dragging ? 'var(--mantine-color-blue-light)' : undefined,
          }}
          data-testid="attachment-dropzone"
        >
          <Stack gap={6}>
            <Group gap="sm">
              <Button
                size={compact ? 'compact-sm' : 'sm'}
                variant="light"
                onClick={() => input.current?.click()}
                loading={progress !== null}
                aria-describedby={hintId}
                aria-label={`${chooseText} – ${label}`}
              >
                {chooseText}
              </Button>
              <Text size="xs" c="dimmed" id={hintId}>
                {t(kind === 'logo' ? 'attachments.hintLogo' : 'attachments.hintDocuments')}
              </Text>
            </Group>
            <input
              ref={input}
              type="file"
              accept={ACCEPT[kind]}
              hidden
              data-testid="attachment-input"
              onChange={(event) => void upload(event.currentTarget.files?.[0])}
            />
            {progress && (
              <Stack gap={2} aria-live="polite">
                <Text size="xs">
                  {t('attachments.uploading', { name: progress.name, percent: progress.percent })}
                </Text>
                <Progress
                  value={progress.percent}
                  size="sm"
                  aria-label={t('attachments.progress', { name: progress.name })}
                />
              </Stack>
            )}
            {problem && (
              <Alert color="red" variant="light" role="alert" p="xs">
                <Text size="sm">{problem}</Text>
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function typeKey(contentType: string): string {
  switch (contentType) {
    case 'application/pdf':
      return 'pdf';
    case 'image/png':
      return 'png';
    case 'image/jpeg':
      return 'jpeg';
    case 'image/webp':
      return 'webp';
    default:
      return 'other';
  }
}
