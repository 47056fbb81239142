// The reasons the attachments module gives in `extensions.reason`, with their messages in German and
// English (GraphQL enum AttachmentErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum AttachmentReason {
  EMPTY = 'EMPTY',
  TOO_LARGE = 'TOO_LARGE',
  UNSUPPORTED_TYPE = 'UNSUPPORTED_TYPE',
  INFECTED = 'INFECTED',
  NOT_YOURS = 'NOT_YOURS',
}

export const attachmentErrors = declareErrorReasons(
  'AttachmentErrorReason',
  'Why the attachments module refused a request (`extensions.reason`).',
  AttachmentReason,
  {
    [AttachmentReason.EMPTY]: {
      meaning: 'The upload had no content.',
      text: () => ({
        en: 'The file is empty. Choose a file with content.',
        de: 'Die Datei ist leer. Bitte eine Datei mit Inhalt wählen.',
      }),
    },
    [AttachmentReason.TOO_LARGE]: {
      meaning: 'The file is larger than the limit (`maxBytes`).',
      text: (maxMiB: string) => ({
        en: `The file is too large: at most ${maxMiB} MiB.`,
        de: `Die Datei ist zu groß: höchstens ${maxMiB} MiB.`,
      }),
    },
    [AttachmentReason.UNSUPPORTED_TYPE]: {
      meaning:
        'The content is not one of the accepted types (`accepted`), whatever the file name says.',
      text: (accepted: string) => ({
        en: `This kind of file cannot be attached. Accepted: ${accepted}.`,
        de: `Diese Art von Datei kann nicht angehängt werden. Möglich sind: ${accepted}.`,
      }),
    },
    [AttachmentReason.INFECTED]: {
      meaning: 'The virus scan found malware in the file.',
      text: () => ({
        en: 'The virus scan refused this file.',
        de: 'Der Virenscan hat diese Datei abgewiesen.',
      }),
    },
    [AttachmentReason.NOT_YOURS]: {
      meaning:
        'The caller may see the parent but not attach to it: receipts are the grantee’s, a logo is set by owners and managers.',
      text: () => ({
        en: 'You cannot attach files here: receipts are attached by the grantee, a logo by the organisation’s owners and managers.',
        de: 'Hier können keine Dateien angehängt werden: Belege hängt der Förderpartner an, ein Logo setzen Inhaber*innen und Programmleitungen der Organisation.',
      }),
    },
  },
);
