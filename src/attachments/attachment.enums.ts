import { registerEnumType } from '@nestjs/graphql';

/** What an attachment belongs to; its parent's tenant rules decide who may see it. */
export enum AttachmentParent {
  SPEND_ENTRY = 'SPEND_ENTRY',
  APPLICATION = 'APPLICATION',
  SPRINT_REVIEW = 'SPRINT_REVIEW',
  CHANGE_NOTICE = 'CHANGE_NOTICE',
  ORGANIZATION_LOGO = 'ORGANIZATION_LOGO',
}

registerEnumType(AttachmentParent, {
  name: 'AttachmentParent',
  description: 'What an attachment belongs to.',
  valuesMap: {
    SPEND_ENTRY: { description: 'A receipt or invoice for reported spend (the grantee uploads).' },
    APPLICATION: { description: 'A document on an application (e.g. Freistellungsbescheid).' },
    SPRINT_REVIEW: { description: 'A document on a sprint review (e.g. demo screenshots).' },
    CHANGE_NOTICE: { description: 'A document on a change notice.' },
    ORGANIZATION_LOGO: {
      description:
        'The organisation’s logo (PNG or JPEG) for its reports; parentId is the organisation.',
    },
  },
});
