// Operations of the funder's programme pages: the list, one programme with its settings, the
// editor's create and update, status moves and the money dashboard.
import { graphql } from '../../lib/graphql';
import { PublishableGrantFragment } from '../opendata/operations';

export const ProgrammeSettingsFragment = graphql(`
  fragment ProgrammeSettings on Programme {
    id
    title
    description
    status
    currency
    timeZone
    totalBudget {
      amount
      currency
    }
    callOpensAt
    callClosesAt
    sprintLengthDays
    maxSprints
    criteria {
      key
      name
      weight
    }
    reviewTemplate {
      key
      labelDe
      labelEn
      type
      required
      options
      min
      max
    }
    reallocationPolicy {
      tolerancePercent
      absoluteCapMinor
      approvalBeyondTolerance
    }
    tranchePolicy {
      awardSharePercent
      releaseOnAcceptedReview
      finalHoldbackPercent
    }
    reminderPolicy {
      daysBeforeDue
      daysAfterDue
      decisionWaitDays
    }
    learningVisibilityDefault
    receiptRule
  }
`);

export const ProgrammesQuery = graphql(`
  query Programmes($status: ProgrammeStatus, $after: String) {
    programmes(status: $status, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        status
        totalBudget {
          amount
          currency
        }
        callOpensAt
        callClosesAt
      }
    }
  }
`);

export const ProgrammeQuery = graphql(
  `
    query Programme($programmeId: ID!) {
      programme(programmeId: $programmeId) {
        ...ProgrammeSettings
        applications(first: 1) {
          totalCount
        }
      }
      grants(programmeId: $programmeId, first: 100) {
        nodes {
          ...PublishableGrant
        }
      }
    }
  `,
  [ProgrammeSettingsFragment, PublishableGrantFragment],
);

export const CreateProgrammeMutation = graphql(
  `
    mutation CreateProgramme($input: ProgrammeInput!) {
      createProgramme(input: $input) {
        ...ProgrammeSettings
      }
    }
  `,
  [ProgrammeSettingsFragment],
);

export const UpdateProgrammeMutation = graphql(
  `
    mutation UpdateProgramme($programmeId: ID!, $input: ProgrammeInput!) {
      updateProgramme(programmeId: $programmeId, input: $input) {
        ...ProgrammeSettings
      }
    }
  `,
  [ProgrammeSettingsFragment],
);

export const ChangeProgrammeStatusMutation = graphql(`
  mutation ChangeProgrammeStatus($programmeId: ID!, $status: ProgrammeStatus!) {
    changeProgrammeStatus(programmeId: $programmeId, status: $status) {
      id
      status
    }
  }
`);

export const PortfolioQuery = graphql(`
  query Portfolio($programmeId: ID!) {
    programme(programmeId: $programmeId) {
      id
      title
      currency
      timeZone
    }
    programmeBudget(programmeId: $programmeId) {
      totalBudget {
        amount
        currency
      }
      awarded {
        amount
      }
      released {
        amount
      }
      spent {
        amount
      }
      available {
        amount
      }
      returned {
        amount
      }
      grants(first: 100) {
        nodes {
          grantId
          reference
          awarded {
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
          pendingReallocations
          linesOutsideTolerance
        }
      }
    }
    grants(programmeId: $programmeId, first: 100) {
      nodes {
        id
        title
        createdAt
        awardedAmount {
          amount
        }
        tranches {
          status
          releasedAt
          amount {
            amount
          }
        }
      }
    }
  }
`);
