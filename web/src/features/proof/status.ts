// Colours of a proof of use's status badge.
export const PROOF_STATUS_COLOR: Record<string, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  CHANGES_REQUESTED: 'orange',
  ACCEPTED: 'teal',
};
