// The reasons the proof-of-use module gives in `extensions.reason`, with their messages in German
// and English (GraphQL enum ProofOfUseErrorReason).
import { declareErrorReasons } from '../core/errors/error-reasons';

export enum ProofOfUseReason {
  NOT_EDITABLE = 'NOT_EDITABLE',
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  PERIOD_TAKEN = 'PERIOD_TAKEN',
  GRANT_RUNNING = 'GRANT_RUNNING',
  RECEIPTS_MISSING = 'RECEIPTS_MISSING',
  STATEMENT_MISSING = 'STATEMENT_MISSING',
}

export const proofOfUseErrors = declareErrorReasons(
  'ProofOfUseErrorReason',
  'Why the proof-of-use module refused a request (`extensions.reason`).',
  ProofOfUseReason,
  {
    [ProofOfUseReason.NOT_EDITABLE]: {
      meaning:
        'The proof of use is submitted or accepted; it changes only as a draft or after the funder asked for changes. `current` is its status.',
      text: () => ({
        en: 'This proof of use can no longer be changed: it was submitted or accepted.',
        de: 'Dieser Nachweis kann nicht mehr geändert werden: Er wurde eingereicht oder angenommen.',
      }),
    },
    [ProofOfUseReason.NOT_SUBMITTED]: {
      meaning: 'Only a submitted proof of use can be decided; `current` is its status.',
      text: () => ({
        en: 'This proof of use is not waiting for a decision.',
        de: 'Dieser Nachweis wartet nicht auf eine Entscheidung.',
      }),
    },
    [ProofOfUseReason.PERIOD_TAKEN]: {
      meaning:
        'The grant already has a proof of use of this kind for this period (or its final one); `existingId` names it.',
      text: () => ({
        en: 'There already is a proof of use for this period; open that one.',
        de: 'Für diesen Zeitraum gibt es schon einen Nachweis; bitte diesen öffnen.',
      }),
    },
    [ProofOfUseReason.GRANT_RUNNING]: {
      meaning: 'The final proof of use is made once the grant ended (completed or stopped).',
      text: () => ({
        en: 'The final proof of use can be started once the grant has ended; until then, make an interim one.',
        de: 'Der Verwendungsnachweis kann erst nach dem Ende der Förderung begonnen werden; bis dahin ist ein Zwischennachweis möglich.',
      }),
    },
    [ProofOfUseReason.RECEIPTS_MISSING]: {
      meaning:
        'The programme wants receipts attached, and spend entries of the period have none; `fields` names each entry.',
      text: (entries: string[]) => ({
        en: `The programme asks for a receipt attached to every spend entry; these have none yet: ${entries.join('; ')}.`,
        de: `Das Programm verlangt zu jeder Ausgabe einen angehängten Beleg; bei diesen fehlt er noch: ${entries.join('; ')}.`,
      }),
    },
    [ProofOfUseReason.STATEMENT_MISSING]: {
      meaning: 'The closing statement is empty; a proof of use is submitted with one.',
      text: () => ({
        en: 'Please write the closing statement before submitting.',
        de: 'Vor dem Einreichen fehlt noch der abschließende Sachbericht.',
      }),
    },
  },
);
