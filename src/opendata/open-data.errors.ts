// The reasons the open-data module gives in `extensions.reason`, with their messages in German and
// English (GraphQL enum OpenDataErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum OpenDataReason {
  SETTINGS_MISSING = 'SETTINGS_MISSING',
  NOTHING_PUBLISHABLE = 'NOTHING_PUBLISHABLE',
  FUNDERS_ONLY = 'FUNDERS_ONLY',
}

export const openDataErrors = declareErrorReasons(
  'OpenDataErrorReason',
  'Why the open-data module refused a request (`extensions.reason`).',
  OpenDataReason,
  {
    [OpenDataReason.SETTINGS_MISSING]: {
      meaning:
        'The funder has not set its organisation identifier and 360Giving prefix yet (`missing` names them).',
      text: () => ({
        en: 'Set your organisation identifier and your 360Giving prefix in the organisation settings before exporting open grant data.',
        de: 'Vor dem Export offener Förderdaten müssen Organisationskennung und 360Giving-Präfix in den Einstellungen der Organisation eingetragen sein.',
      }),
    },
    [OpenDataReason.NOTHING_PUBLISHABLE]: {
      meaning: 'No grant of the programme is marked publishable yet.',
      text: () => ({
        en: 'No grant of this programme is marked publishable yet. Mark the grants to publish first.',
        de: 'In diesem Programm ist noch keine Förderung zur Veröffentlichung freigegeben. Zuerst die zu veröffentlichenden Förderungen freigeben.',
      }),
    },
    [OpenDataReason.FUNDERS_ONLY]: {
      meaning: 'Only a funder has a 360Giving grant id prefix.',
      text: () => ({
        en: 'Only funders publish grants, so only a funder sets a 360Giving prefix.',
        de: 'Nur Förderer veröffentlichen Förderungen; deshalb trägt nur ein Förderer ein 360Giving-Präfix ein.',
      }),
    },
  },
);
