// The grant pages' operations: the list, and the grant home in one request (grant, figures,
// timeline and learnings side by side as root fields; the API batches the nested lists).
import { graphql, type ResultOf } from '../../lib/graphql';

export const GrantsQuery = graphql(`
  query Grants($after: String, $text: String) {
    grants(first: 50, after: $after, text: $text) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        reference
        title
        status
        startDate
        endDate
        awardedAmount {
          amount
          currency
        }
        funder {
          id
          name
        }
        grantee {
          id
          name
        }
        sprints {
          id
          number
          status
        }
      }
    }
  }
`);

export const GrantHomeQuery = graphql(`
  query GrantHome($grantId: ID!) {
    grant(grantId: $grantId) {
      id
      reference
      title
      status
      currency
      startDate
      endDate
      closedAt
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
        title
        reallocationPolicy {
          tolerancePercent
        }
      }
      sprints {
        id
        number
        status
        startDate
        endDate
        goal
        review {
          id
          status
        }
      }
      tranches {
        id
        number
        kind
        status
        releasedBySprint
        releasedAt
        amount {
          amount
        }
      }
      changeNotices(first: 100) {
        nodes {
          id
          kind
          status
          createdAt
        }
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
      lines {
        line {
          id
          name
          category
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
      burnBySprint {
        sprintNumber
        spent {
          amount
        }
      }
      pendingReallocations(first: 100) {
        totalCount
        nodes {
          id
          createdAt
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
    grantTimeline(grantId: $grantId, last: 100) {
      totalCount
      nodes {
        kind
        at
        summary
        detail
        sprintNumber
        amount {
          amount
        }
      }
    }
    learnings(grantId: $grantId, first: 100) {
      totalCount
      nodes {
        id
        title
        kind
        sprintNumber
        tried
        happened
        learned
        tags
        visibility
      }
    }
  }
`);

export type GrantHome = ResultOf<typeof GrantHomeQuery>;
