// The reasons the learnings module gives in `extensions.reason`, with their messages in German and
// English (GraphQL enum LearningErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum LearningReason {
  NOT_AUTHOR = 'NOT_AUTHOR',
  NOT_FUNDER = 'NOT_FUNDER',
  NOT_WIDER = 'NOT_WIDER',
  NO_REQUEST = 'NO_REQUEST',
  OWN_LEARNING = 'OWN_LEARNING',
}

const VIS_DE: Record<string, string> = {
  GRANT: 'die Förderung',
  PROGRAMME: 'das Programm',
  PUBLIC: 'die Öffentlichkeit',
};
const VIS_EN: Record<string, string> = {
  GRANT: 'the grant',
  PROGRAMME: 'the programme',
  PUBLIC: 'the public',
};

export const learningErrors = declareErrorReasons(
  'LearningErrorReason',
  'Why the learnings module refused a change (`extensions.reason`).',
  LearningReason,
  {
    [LearningReason.NOT_AUTHOR]: {
      meaning:
        'Only the organisation that wrote a learning decides who reads it; the funder of a team can ask (`requestLearningVisibility`).',
      text: () => ({
        en: 'Only the team that wrote this learning decides who may read it. As its funder you can ask the team to share it more widely.',
        de: 'Nur das Team, das dieses Learning geschrieben hat, entscheidet, wer es lesen darf. Als Förderer kannst du das Team bitten, es breiter zu teilen.',
      }),
    },
    [LearningReason.NOT_FUNDER]: {
      meaning: "Only the funder of a team's grant can ask the team to share a learning.",
      text: () => ({
        en: "Only the grant's funder can ask the team to share this learning.",
        de: 'Nur der Förderer der Förderung kann das Team bitten, dieses Learning zu teilen.',
      }),
    },
    [LearningReason.NOT_WIDER]: {
      meaning: 'A request must ask for a wider visibility than the learning has (`current`).',
      text: (current: string) => ({
        en: `This learning is already shared with ${VIS_EN[current] ?? current}; ask for a wider circle.`,
        de: `Dieses Learning ist schon für ${VIS_DE[current] ?? current} sichtbar; bitte um einen größeren Kreis.`,
      }),
    },
    [LearningReason.NO_REQUEST]: {
      meaning: 'Nobody asked to share this learning more widely, so there is nothing to answer.',
      text: () => ({
        en: 'There is no open request to share this learning.',
        de: 'Es gibt keine offene Bitte, dieses Learning zu teilen.',
      }),
    },
    [LearningReason.OWN_LEARNING]: {
      meaning: 'An organisation cannot mark its own learning as helpful.',
      text: () => ({
        en: 'You cannot mark your own learning as helpful.',
        de: 'Das eigene Learning lässt sich nicht als hilfreich markieren.',
      }),
    },
  },
);
