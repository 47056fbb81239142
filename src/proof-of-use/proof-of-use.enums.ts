import { registerEnumType } from '@nestjs/graphql';

export enum ProofOfUseKind {
  INTERIM = 'INTERIM',
  FINAL = 'FINAL',
}

export enum ProofOfUseStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
}

export enum ProofOfUseDecisionKind {
  ACCEPT = 'ACCEPT',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
}

/** Where the grantee may still write the closing statement. */
export const PROOF_EDITABLE: readonly ProofOfUseStatus[] = [
  ProofOfUseStatus.DRAFT,
  ProofOfUseStatus.CHANGES_REQUESTED,
];

registerEnumType(ProofOfUseKind, {
  name: 'ProofOfUseKind',
  description: 'Which proof of use (ANBest-P Nr. 6).',
  valuesMap: {
    INTERIM: {
      description: 'Zwischennachweis: for a period (a year, or on demand), while the grant runs.',
    },
    FINAL: {
      description: 'Verwendungsnachweis: the whole grant, once it ended (completed or stopped).',
    },
  },
});

registerEnumType(ProofOfUseStatus, {
  name: 'ProofOfUseStatus',
  description: 'Where a proof of use stands.',
  valuesMap: {
    DRAFT: { description: 'The grantee prepares it; the funder does not see it yet.' },
    SUBMITTED: { description: 'Submitted; waits for the funder.' },
    ACCEPTED: { description: 'The funder accepted it; it changes no more.' },
    CHANGES_REQUESTED: {
      description: 'The funder asked for changes; the grantee edits and submits again.',
    },
  },
});

registerEnumType(ProofOfUseDecisionKind, {
  name: 'ProofOfUseDecisionKind',
  description: "The funder's decision on a submitted proof of use.",
  valuesMap: {
    ACCEPT: { description: 'Accept the proof of use.' },
    REQUEST_CHANGES: { description: 'Ask the grantee to revise it (comment required).' },
  },
});
