// Operations of the budget page: the grant's money in one request, the dry run of a move, and the
// money mutations (moves, decisions, reported spend, amendments).
import { graphql } from '../../lib/graphql';
import { AttachmentFields } from '../attachments/operations';

export const GrantBudgetPageQuery = graphql(
  `
    query GrantBudgetPage($grantId: ID!) {
      grant(grantId: $grantId) {
        id
        reference
        title
        status
        currency
        funder {
          id
          name
        }
        grantee {
          id
          name
        }
        programme {
          id
          reallocationPolicy {
            tolerancePercent
            approvalBeyondTolerance
          }
        }
        settlement {
          awarded {
            amount
          }
          released {
            amount
          }
          spent {
            amount
          }
          returned {
            amount
          }
          claimed {
            amount
          }
        }
        refundClaim {
          id
          status
          amount {
            amount
          }
          decisionReason
          decidedAt
        }
      }
      grantBudget(grantId: $grantId) {
        awarded {
          amount
        }
        allocated {
          amount
        }
        released {
          amount
        }
        spent {
          amount
        }
        remaining {
          amount
        }
        holdback {
          amount
        }
        linesOutsideTolerance
        lines {
          line {
            id
            name
          }
          original {
            amount
          }
          allocated {
            amount
          }
          spent {
            amount
          }
          remaining {
            amount
          }
          deviationPercent
          withinTolerance
        }
        pendingReallocations(first: 50) {
          nodes {
            id
            reason
            createdAt
            amount {
              amount
            }
            fromLineId
            toLineId
            requestedBy {
              displayName
            }
          }
        }
      }
      spendEntries(grantId: $grantId, first: 100) {
        totalCount
        nodes {
          id
          spentOn
          note
          reviewId
          receiptReference
          beyondTolerance
          amount {
            amount
          }
          lineId
          attachments {
            ...AttachmentFields
          }
        }
      }
      reallocations(grantId: $grantId, first: 20) {
        nodes {
          id
          status
          reason
          createdAt
          withinTolerance
          decisionComment
          amount {
            amount
          }
          fromLine {
            name
          }
          toLine {
            name
          }
        }
      }
    }
  `,
  [AttachmentFields],
);

export const ReallocationPreviewQuery = graphql(`
  query ReallocationPreview($input: ReallocationPreviewInput!) {
    reallocationPreview(input: $input) {
      outcome
      reason
      message
      tolerancePercent
      available {
        amount
      }
      from {
        line {
          id
          name
        }
        allocatedBefore {
          amount
        }
        allocatedAfter {
          amount
        }
        ceiling {
          amount
        }
      }
      to {
        line {
          id
          name
        }
        allocatedBefore {
          amount
        }
        allocatedAfter {
          amount
        }
        ceiling {
          amount
        }
      }
    }
  }
`);

export const RequestReallocationMutation = graphql(`
  mutation RequestReallocation($input: RequestReallocationInput!) {
    requestReallocation(input: $input) {
      id
      status
    }
  }
`);

export const DecideReallocationMutation = graphql(`
  mutation DecideReallocation($input: DecideReallocationInput!) {
    decideReallocation(input: $input) {
      id
      status
    }
  }
`);

export const ReportSpendMutation = graphql(`
  mutation ReportSpend($input: ReportSpendInput!) {
    reportSpend(input: $input) {
      id
      beyondTolerance
    }
  }
`);

export const AmendGrantMutation = graphql(`
  mutation AmendGrant($input: AmendGrantInput!) {
    amendGrant(input: $input) {
      id
    }
  }
`);

export const DecideRefundClaimMutation = graphql(`
  mutation DecideRefundClaim($input: DecideRefundClaimInput!) {
    decideRefundClaim(input: $input) {
      id
      status
    }
  }
`);
