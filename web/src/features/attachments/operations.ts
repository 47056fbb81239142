// Operations of the attachments component: a parent's files (when the page did not fetch them with
// its own query), a signed download link, and removing a file.
import { graphql } from '../../lib/graphql';

export const AttachmentFields = graphql(`
  fragment AttachmentFields on Attachment {
    id
    fileName
    contentType
    sizeBytes
    createdAt
  }
`);

export const AttachmentsQuery = graphql(
  `
    query Attachments($parentType: AttachmentParent!, $parentId: ID!) {
      attachments(parentType: $parentType, parentId: $parentId) {
        ...AttachmentFields
      }
    }
  `,
  [AttachmentFields],
);

export const AttachmentDownloadLinkMutation = graphql(`
  mutation AttachmentDownloadLink($attachmentId: ID!) {
    createAttachmentDownloadLink(attachmentId: $attachmentId) {
      url
    }
  }
`);

export const DeleteAttachmentMutation = graphql(`
  mutation DeleteAttachment($attachmentId: ID!) {
    deleteAttachment(attachmentId: $attachmentId)
  }
`);

export const AttachmentLimitsQuery = graphql(`
  query AttachmentLimits {
    attachmentLimits {
      maxBytes
    }
  }
`);
