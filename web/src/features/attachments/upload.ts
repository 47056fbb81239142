// Uploads a file to POST /attachments/{parentType}/{parentId}?fileName=… with the session's access
// token and organisation, as the GraphQL client sends them. XMLHttpRequest rather than fetch: only
// it reports upload progress in today's browsers (fetch cannot stream a request body over HTTP/1.1).
// A refusal comes back as ApiError with the API's `reason`, which the component puts into words.
import { ApiError, refreshSession } from '../../lib/client';
import { session } from '../../lib/session';

export type AttachmentParentType =
  'SPEND_ENTRY' | 'APPLICATION' | 'SPRINT_REVIEW' | 'CHANGE_NOTICE' | 'ORGANIZATION_LOGO';

export interface UploadedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

interface Refusal {
  code?: string;
  reason?: string;
  message?: string;
  [key: string]: unknown;
}

function send(
  url: string,
  file: Blob,
  onProgress: (percent: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    const current = session.get();
    if (current) xhr.setRequestHeader('authorization', `Bearer ${current.accessToken}`);
    const organizationId = session.organizationId();
    if (current && organizationId) xhr.setRequestHeader('x-organization-id', organizationId);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.floor((event.loaded * 100) / event.total));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // not JSON: the status alone decides
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () =>
      reject(new ApiError([{ message: 'Network error', extensions: { code: 'NETWORK' } }]));
    xhr.send(file);
  });
}

export async function uploadAttachment(
  parentType: AttachmentParentType,
  parentId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<UploadedAttachment> {
  const url = `/attachments/${parentType}/${encodeURIComponent(parentId)}?fileName=${encodeURIComponent(file.name)}`;
  let result = await send(url, file, onProgress);
  if (result.status === 401 && session.get() && (await refreshSession()))
    result = await send(url, file, onProgress);
  if (result.status === 201) return result.body as UploadedAttachment;
  const refusal = (result.body ?? {}) as Refusal;
  const { code, reason, message, ...rest } = refusal;
  throw new ApiError(
    [
      {
        message: message ?? `HTTP ${result.status}`,
        extensions: {
          ...rest,
          code: code ?? (result.status >= 500 ? 'NETWORK' : 'BAD_REQUEST'),
          reason,
        },
      },
    ],
    result.status,
  );
}
