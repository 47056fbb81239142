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

/** Whether a learning shared beyond its grant names the team and grant, or a grantee of the programme. */
export enum LearningAttribution {
  NAMED = 'NAMED',
  PSEUDONYMOUS = 'PSEUDONYMOUS',
}

registerEnumType(LearningAttribution, {
  name: 'LearningAttribution',
  description:
    "The team's choice for readers outside its grant: named, or pseudonymised as a grantee of the programme.",
  valuesMap: {
    NAMED: { description: 'Readers see the team and the grant.' },
    PSEUDONYMOUS: {
      description:
        'Readers outside the grant see "a grantee of programme X" and nothing naming the team or grant.',
    },
  },
});

/** The licence a public learning is shared under. */
export enum LearningLicence {
  CC_BY_4_0 = 'CC_BY_4_0',
  CC_BY_SA_4_0 = 'CC_BY_SA_4_0',
  CC0_1_0 = 'CC0_1_0',
}

export const LICENCES: Record<LearningLicence, { name: string; url: string; spdx: string }> = {
  [LearningLicence.CC_BY_4_0]: {
    name: 'CC BY 4.0',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    spdx: 'CC-BY-4.0',
  },
  [LearningLicence.CC_BY_SA_4_0]: {
    name: 'CC BY-SA 4.0',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    spdx: 'CC-BY-SA-4.0',
  },
  [LearningLicence.CC0_1_0]: {
    name: 'CC0 1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    spdx: 'CC0-1.0',
  },
};

registerEnumType(LearningLicence, {
  name: 'LearningLicence',
  description:
    'The licence a public learning is shared under (CC BY 4.0 unless the author chooses).',
  valuesMap: {
    CC_BY_4_0: { description: 'Creative Commons Attribution 4.0 (the default).' },
    CC_BY_SA_4_0: { description: 'Creative Commons Attribution-ShareAlike 4.0.' },
    CC0_1_0: { description: 'Creative Commons Zero 1.0: no rights reserved.' },
  },
});

/** Who wrote a learning: a funded team in a sprint review, or a funder about its programme. */
export enum LearningAuthorKind {
  GRANTEE = 'GRANTEE',
  FUNDER = 'FUNDER',
}

registerEnumType(LearningAuthorKind, {
  name: 'LearningAuthorKind',
  description: 'Who wrote a learning.',
  valuesMap: {
    GRANTEE: { description: 'A funded team, in a sprint review.' },
    FUNDER: { description: 'A funder, about its own programme.' },
  },
});

/** Which learnings a signed-in search covers. */
export enum LearningScope {
  ALL = 'ALL',
  OWN = 'OWN',
  PROGRAMMES = 'PROGRAMMES',
  PUBLIC = 'PUBLIC',
}

registerEnumType(LearningScope, {
  name: 'LearningScope',
  description: 'Which of the learnings the caller may read a search covers.',
  valuesMap: {
    ALL: { description: 'Everything the caller may read.' },
    OWN: { description: "The caller's organisation's own (its grants' and its own learnings)." },
    PROGRAMMES: {
      description: 'Learnings shared in the programmes the caller funds or takes part in.',
    },
    PUBLIC: { description: 'Public learnings only.' },
  },
});
