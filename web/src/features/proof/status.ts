// Colours of a proof of use's status badge, those of the sprint review's states.
export const PROOF_STATUS_COLOR: Record<string, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'violet',
  CHANGES_REQUESTED: 'grape',
  ACCEPTED: 'teal',
};
