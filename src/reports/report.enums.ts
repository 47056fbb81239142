import { registerEnumType } from '@nestjs/graphql';

export enum ReportKind {
  PORTFOLIO = 'PORTFOLIO',
  GRANT = 'GRANT',
  LEARNINGS = 'LEARNINGS',
}

export enum ReportFormat {
  CSV = 'CSV',
  JSON = 'JSON',
  PDF = 'PDF',
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
  },
});

registerEnumType(ReportFormat, {
  name: 'ReportFormat',
  description: 'File format.',
  valuesMap: {
    CSV: { description: 'Comma-separated values (UTF-8 with BOM, for spreadsheets).' },
    JSON: { description: 'JSON.' },
    PDF: { description: 'PDF with a budget burn-down chart, in the requester’s language.' },
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
