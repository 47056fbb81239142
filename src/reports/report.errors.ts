// The reasons the reports module gives in `extensions.reason`, with their messages in German and
// English (GraphQL enum ReportErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum ReportReason {
  NOT_READY = 'NOT_READY',
  EXPIRED = 'EXPIRED',
}

export const reportErrors = declareErrorReasons(
  'ReportErrorReason',
  'Why the reports module refused a request (`extensions.reason`).',
  ReportReason,
  {
    [ReportReason.NOT_READY]: {
      meaning: 'The report is still being made (or failed); `current` is its status.',
      text: (status: string) => ({
        en: `The report is ${status.toLowerCase()}, not ready.`,
        de: `Der Bericht ist noch nicht fertig (${status}).`,
      }),
    },
    [ReportReason.EXPIRED]: {
      meaning: 'The report has expired and its file is deleted; ask for a new one.',
      text: () => ({
        en: 'This report has expired. Ask for a new one.',
        de: 'Dieser Bericht ist abgelaufen; ein neuer Bericht kann angefordert werden.',
      }),
    },
  },
);
