import { registerEnumType } from '@nestjs/graphql';

export enum LedgerKind {
  AWARD = 'AWARD',
  REALLOCATION = 'REALLOCATION',
  AMENDMENT = 'AMENDMENT',
  TRANCHE_RELEASE = 'TRANCHE_RELEASE',
  SPEND = 'SPEND',
  RETURN = 'RETURN',
  REFUND = 'REFUND',
}

export enum ReallocationStatus {
  APPLIED = 'APPLIED',
  PENDING = 'PENDING',
  REJECTED = 'REJECTED',
}

export enum ReallocationDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(ReallocationDecision, {
  name: 'ReallocationDecision',
  description: "A funder's answer to a reallocation waiting for approval.",
  valuesMap: {
    APPROVE: { description: 'Apply it (if the balances still allow).' },
    REJECT: { description: 'Do not apply it; the comment says why.' },
  },
});

registerEnumType(LedgerKind, {
  name: 'LedgerKind',
  description: 'Kind of money movement in the ledger.',
  valuesMap: {
    AWARD: { description: 'The award: money committed to the budget lines.' },
    REALLOCATION: { description: 'Money moved between budget lines.' },
    AMENDMENT: { description: 'The awarded amount raised or lowered.' },
    TRANCHE_RELEASE: { description: 'A tranche paid out to the grantee.' },
    SPEND: { description: 'Spend reported by the grantee.' },
    RETURN: {
      description: 'The grant ended: money never released goes back to the programme budget.',
    },
    REFUND: { description: 'The grantee paid back released money it did not spend.' },
  },
});

registerEnumType(ReallocationStatus, {
  name: 'ReallocationStatus',
  description: 'Where a reallocation request stands.',
  valuesMap: {
    APPLIED: {
      description: 'Applied to the budget (within tolerance at once, or approved by the funder).',
    },
    PENDING: { description: 'Beyond the tolerance; waits for a funder manager.' },
    REJECTED: { description: 'Rejected by the funder (or no longer possible when decided).' },
  },
});
