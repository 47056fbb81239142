import { registerEnumType } from '@nestjs/graphql';

export enum ProgrammeStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  ARCHIVED = 'ARCHIVED',
}

export enum QuestionType {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  SCALE = 'SCALE',
}

export enum LearningVisibility {
  GRANT = 'GRANT',
  PROGRAMME = 'PROGRAMME',
  PUBLIC = 'PUBLIC',
}

export enum ReceiptRule {
  ATTACHED = 'ATTACHED',
  LISTED = 'LISTED',
}

/** Allowed status changes of a programme. */
export const PROGRAMME_TRANSITIONS: Record<ProgrammeStatus, ProgrammeStatus[]> = {
  [ProgrammeStatus.DRAFT]: [ProgrammeStatus.OPEN, ProgrammeStatus.ARCHIVED],
  [ProgrammeStatus.OPEN]: [ProgrammeStatus.CLOSED],
  [ProgrammeStatus.CLOSED]: [ProgrammeStatus.OPEN, ProgrammeStatus.ARCHIVED],
  [ProgrammeStatus.ARCHIVED]: [],
};

registerEnumType(ProgrammeStatus, {
  name: 'ProgrammeStatus',
  description: 'Life cycle of a programme.',
  valuesMap: {
    DRAFT: { description: 'Being set up; only the funder sees it.' },
    OPEN: { description: 'Published; grantees can apply inside the call window.' },
    CLOSED: { description: 'No new applications; running grants go on.' },
    ARCHIVED: { description: 'Finished; kept for the record.' },
  },
});

registerEnumType(QuestionType, {
  name: 'QuestionKind',
  description: 'Kind of answer a review-template question expects.',
  valuesMap: {
    TEXT: { description: 'Free text.' },
    NUMBER: { description: 'A whole number.' },
    SINGLE_CHOICE: { description: 'One of the listed options.' },
    SCALE: { description: 'A rating from 1 to 5.' },
  },
});

registerEnumType(LearningVisibility, {
  name: 'LearningVisibility',
  description: 'Who may read a learning.',
  valuesMap: {
    GRANT: { description: 'The funder and the grantee of the grant.' },
    PROGRAMME: { description: 'The funder and all grantees of the programme.' },
    PUBLIC: { description: 'Everyone.' },
  },
});

registerEnumType(ReceiptRule, {
  name: 'ReceiptRule',
  description: 'What a proof of use needs of the receipts of its spend entries.',
  valuesMap: {
    ATTACHED: {
      description:
        'Every spend entry of the period has its receipt attached; submitting without one is refused.',
    },
    LISTED: {
      description:
        'Receipts are listed (Belegliste) and kept by the grantee; attaching is optional.',
    },
  },
});
