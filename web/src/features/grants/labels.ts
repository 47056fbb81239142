// Colours of the grant's and sprint's states, the same on every page that shows them.
export const SPRINT_COLOR: Record<string, string> = {
  PLANNED: 'gray',
  ACTIVE: 'blue',
  REVIEW_DUE: 'red',
  IN_REVIEW: 'violet',
  CHANGES_REQUESTED: 'grape',
  ACCEPTED: 'teal',
};

export const GRANT_COLOR: Record<string, string> = {
  ACTIVE: 'blue',
  COMPLETED: 'teal',
  STOPPED: 'gray',
};

export const LEARNING_COLOR: Record<string, string> = {
  INSIGHT: 'blue',
  FAILURE: 'red',
  SURPRISE: 'grape',
};
