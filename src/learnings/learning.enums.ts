import { registerEnumType } from '@nestjs/graphql';

export enum LearningKind {
  INSIGHT = 'INSIGHT',
  FAILURE = 'FAILURE',
  SURPRISE = 'SURPRISE',
}

registerEnumType(LearningKind, {
  name: 'LearningKind',
  description:
    'What kind of learning. A failed experiment, well documented, is a good outcome: FAILURE is first-class.',
  valuesMap: {
    INSIGHT: { description: 'Something the team now understands.' },
    FAILURE: { description: 'Something that did not work, and why.' },
    SURPRISE: { description: 'Something nobody expected.' },
  },
});
