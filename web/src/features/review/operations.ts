// Operations of the funder's side of applications: the inbox of a programme, one application as
// the funder reviews it, scoring and decisions.
import { graphql } from '../../lib/graphql';

export const InboxQuery = graphql(`
  query Inbox(
    $programmeId: ID!
    $status: ApplicationStatus
    $text: String
    $orderBy: ApplicationOrder
    $after: String
  ) {
    programme(programmeId: $programmeId) {
      id
      title
      currency
    }
    applications(
      programmeId: $programmeId
      status: $status
      text: $text
      orderBy: $orderBy
      first: 50
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        status
        submittedAt
        version
        weightedScore
        requestedAmount {
          amount
          currency
        }
        grantee {
          id
          name
        }
        reviews {
          id
        }
      }
    }
  }
`);

export const ReviewApplicationQuery = graphql(`
  query ReviewApplication($applicationId: ID!, $programmeId: ID!) {
    application(applicationId: $applicationId) {
      id
      title
      summary
      problem
      approach
      contactName
      contactEmail
      status
      version
      submittedAt
      decidedAt
      lastDecision
      decisionFeedback
      weightedScore
      currency
      requestedAmount {
        amount
        currency
      }
      budgetLines {
        name
        category
        amount {
          amount
          currency
        }
      }
      sprintPlan {
        goal
        milestones
      }
      grantee {
        id
        name
      }
      programme {
        id
        title
        currency
        status
        criteria {
          key
          name
          weight
        }
      }
      reviews {
        id
        reviewerPersonId
        submittedAt
        reviewer {
          id
          displayName
        }
        scores {
          criterionKey
          score
          comment
        }
      }
      versions {
        version
        submittedAt
        content
      }
      grant {
        id
        reference
        awardedAmount {
          amount
          currency
        }
      }
    }
    programmeBudget(programmeId: $programmeId) {
      available {
        amount
        currency
      }
    }
  }
`);

export const ScoreApplicationMutation = graphql(`
  mutation ScoreApplication($input: ScoreApplicationInput!) {
    scoreApplication(input: $input) {
      id
      submittedAt
    }
  }
`);

export const DecideApplicationMutation = graphql(`
  mutation DecideApplication($input: DecideApplicationInput!) {
    decideApplication(input: $input) {
      id
      status
      lastDecision
      grant {
        id
        reference
      }
    }
  }
`);
