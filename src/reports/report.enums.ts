import { registerEnumType } from '@nestjs/graphql';

export enum ReportKind {
  PORTFOLIO = 'PORTFOLIO',
  GRANT = 'GRANT',
  LEARNINGS = 'LEARNINGS',
  PROOF_OF_USE = 'PROOF_OF_USE',
}

export enum ReportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
  PDF = 'PDF',
  XLSX = 'XLSX',
}

export enum ReportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(ReportKind, {
  name: 'ReportKind',
  description: 'What a report covers.',
  valuesMap: {
    PORTFOLIO: {
      description:
        'A programme’s grants: money, sprint status, confidence, pivots, reallocations, overdue items, learnings (funder).',
    },
    GRANT: { description: 'One grant: timeline, budget vs actual per line and sprint.' },
    LEARNINGS: { description: 'A digest of the learnings of a programme the caller may read.' },
    PROOF_OF_USE: {
      description:
        'Proof of use (Verwendungsnachweis) of one grant, compiled from what was reported: the narrative from the sprint reviews (goals, milestones, pivots, learnings, confidence), the financial statement per line, tranches, returned money and refund claim, and the list of receipts (Belegliste). PDF or XLSX.',
    },
  },
});

registerEnumType(ReportFormat, {
  name: 'ReportFormat',
  description: 'File format.',
  valuesMap: {
    CSV: { description: 'Comma-separated values (UTF-8 with BOM, for spreadsheets).' },
    JSON: { description: 'JSON.' },
    PDF: { description: 'PDF with a budget burn-down chart, in the requester’s language.' },
    XLSX: {
      description: 'Excel workbook, one sheet per table, amounts as numbers in major units.',
    },
  },
});

registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Where a report stands.',
  valuesMap: {
    QUEUED: { description: 'Waiting for the worker.' },
    RUNNING: { description: 'Being made.' },
    READY: { description: 'Ready to download until it expires.' },
    FAILED: { description: 'Could not be made (see error).' },
    EXPIRED: { description: 'Its retention passed; the file was deleted.' },
  },
});
