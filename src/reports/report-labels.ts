// What a reader of a report sees for each code: statuses, kinds and categories in German and
// English, never the enum name. The JSON format keeps the codes (it is for machines); the PDF and
// the localised CSV show these.
type Labels = Record<string, { de: string; en: string }>;

const GRANT_STATUS: Labels = {
  ACTIVE: { de: 'läuft', en: 'active' },
  COMPLETED: { de: 'abgeschlossen', en: 'completed' },
  STOPPED: { de: 'vorzeitig beendet', en: 'stopped early' },
};

const SPRINT_STATUS: Labels = {
  PLANNED: { de: 'geplant', en: 'planned' },
  ACTIVE: { de: 'läuft', en: 'running' },
  REVIEW_DUE: { de: 'Review fällig', en: 'review due' },
  IN_REVIEW: { de: 'Review eingereicht', en: 'review submitted' },
  CHANGES_REQUESTED: { de: 'Änderungen erbeten', en: 'changes requested' },
  ACCEPTED: { de: 'angenommen', en: 'accepted' },
};

const CONFIDENCE: Labels = {
  GREEN: { de: 'grün – auf Kurs', en: 'green – on track' },
  AMBER: { de: 'gelb – mit Risiken', en: 'amber – at risk' },
  RED: { de: 'rot – in Gefahr', en: 'red – in trouble' },
};

const CATEGORY: Labels = {
  PERSONNEL: { de: 'Personal', en: 'Personnel' },
  MATERIAL: { de: 'Sachmittel', en: 'Material' },
  TRAVEL: { de: 'Reisen', en: 'Travel' },
  SUBCONTRACTING: { de: 'Aufträge an Dritte', en: 'Subcontracting' },
  OVERHEAD: { de: 'Gemeinkosten', en: 'Overhead' },
  OTHER: { de: 'Sonstiges', en: 'Other' },
};

const CLAIM_STATUS: Labels = {
  OPEN: { de: 'offen', en: 'open' },
  SETTLED: { de: 'beglichen', en: 'settled' },
  WAIVED: { de: 'erlassen', en: 'waived' },
};

const LEARNING_KIND: Labels = {
  INSIGHT: { de: 'Erkenntnis', en: 'Insight' },
  FAILURE: { de: 'Fehlschlag', en: 'Failure' },
  SURPRISE: { de: 'Überraschung', en: 'Surprise' },
};

const VISIBILITY: Labels = {
  GRANT: { de: 'Förderung', en: 'the grant' },
  PROGRAMME: { de: 'Programm', en: 'the programme' },
  PUBLIC: { de: 'öffentlich', en: 'public' },
};

const OUTCOME: Labels = {
  DONE: { de: 'erreicht', en: 'done' },
  PARTLY: { de: 'teilweise', en: 'partly' },
  NOT_DONE: { de: 'nicht erreicht', en: 'not done' },
  DROPPED: { de: 'verworfen', en: 'dropped' },
};

const TIMELINE: Labels = {
  GRANT_AWARDED: { de: 'Bewilligung', en: 'Grant awarded' },
  GRANT_AMENDED: { de: 'Änderungsbescheid', en: 'Grant amended' },
  GRANT_COMPLETED: { de: 'Abschluss', en: 'Grant completed' },
  GRANT_STOPPED: { de: 'Vorzeitiges Ende', en: 'Grant stopped' },
  REVIEW_SUBMITTED: { de: 'Review eingereicht', en: 'Review submitted' },
  REVIEW_ACCEPTED: { de: 'Review angenommen', en: 'Review accepted' },
  CHANGES_REQUESTED: { de: 'Änderungen erbeten', en: 'Changes requested' },
  REVIEW_COMMENT: { de: 'Kommentar', en: 'Comment' },
  PIVOT: { de: 'Pivot', en: 'Pivot' },
  REALLOCATION_REQUESTED: { de: 'Umschichtung beantragt', en: 'Reallocation requested' },
  REALLOCATION_DECIDED: { de: 'Umschichtung entschieden', en: 'Reallocation decided' },
  TRANCHE_RELEASED: { de: 'Tranche ausgezahlt', en: 'Tranche released' },
  TRANCHE_CANCELLED: { de: 'Tranche entfallen', en: 'Tranche cancelled' },
  NOTICE_FILED: { de: 'Änderungsmitteilung', en: 'Change notice filed' },
  NOTICE_DECIDED: { de: 'Mitteilung entschieden', en: 'Change notice decided' },
  LEARNING_SHARED: { de: 'Learning geteilt', en: 'Learning shared' },
  SPRINT_RESCHEDULED: { de: 'Sprint verschoben', en: 'Sprint rescheduled' },
  MONEY_RETURNED: { de: 'Mittel zurückgeflossen', en: 'Money returned' },
  REFUND_CLAIMED: { de: 'Rückforderung', en: 'Refund claimed' },
  REFUND_DECIDED: { de: 'Rückforderung entschieden', en: 'Refund decided' },
};

const TRANCHE_KIND: Labels = {
  AWARD: { de: 'bei Bewilligung', en: 'on award' },
  SPRINT: { de: 'nach Sprint', en: 'after a sprint' },
  HOLDBACK: { de: 'Einbehalt', en: 'holdback' },
  AMENDMENT: { de: 'Änderungsbescheid', en: 'amendment' },
};

const TRANCHE_STATUS: Labels = {
  SCHEDULED: { de: 'geplant', en: 'scheduled' },
  RELEASED: { de: 'ausgezahlt', en: 'released' },
  CANCELLED: { de: 'entfallen', en: 'cancelled' },
};

export const REPORT_LABELS = {
  trancheKind: TRANCHE_KIND,
  trancheStatus: TRANCHE_STATUS,
  grantStatus: GRANT_STATUS,
  sprintStatus: SPRINT_STATUS,
  confidence: CONFIDENCE,
  category: CATEGORY,
  claimStatus: CLAIM_STATUS,
  learningKind: LEARNING_KIND,
  visibility: VISIBILITY,
  outcome: OUTCOME,
  timeline: TIMELINE,
} as const;

export type LabelSet = keyof typeof REPORT_LABELS;

/** The reader's word for `code`; a code without a label stays as it is (never silently empty). */
export function labelOf(set: LabelSet, code: string, language: 'de' | 'en'): string {
  return REPORT_LABELS[set][code]?.[language] ?? code;
}
