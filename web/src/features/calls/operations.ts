// Operations of the public call pages: the open calls and one call with the rules its grants
// run by. Both are answered to people who are not signed in.
import { graphql } from '../../lib/graphql';

export const OpenCallsQuery = graphql(`
  query OpenCalls($after: String) {
    openCalls(first: 20, after: $after) {
      nodes {
        id
        title
        description
        currency
        timeZone
        callClosesAt
        maxSprints
        sprintLengthDays
        totalBudget {
          amount
          currency
        }
        funder {
          id
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OpenCallQuery = graphql(`
  query OpenCall($programmeId: ID!) {
    openCall(programmeId: $programmeId) {
      id
      title
      description
      currency
      timeZone
      callOpensAt
      callClosesAt
      sprintLengthDays
      maxSprints
      totalBudget {
        amount
        currency
      }
      funder {
        id
        name
      }
      criteria {
        key
        name
        weight
      }
      reallocationPolicy {
        tolerancePercent
        approvalBeyondTolerance
      }
      tranchePolicy {
        awardSharePercent
        releaseOnAcceptedReview
        finalHoldbackPercent
      }
    }
  }
`);
