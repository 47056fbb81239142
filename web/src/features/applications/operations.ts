// Operations of the grantee's application pages: the list, one application with its decision and
// grant, saving the draft as the team types, submitting and withdrawing.
import { graphql } from '../../lib/graphql';

export const MyApplicationsQuery = graphql(`
  query MyApplications($after: String) {
    applications(first: 50, after: $after) {
      nodes {
        id
        title
        status
        version
        currency
        updatedAt
        submittedAt
        requestedAmount {
          amount
          currency
        }
        programme {
          id
          title
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ApplicationQuery = graphql(`
  query Application($applicationId: ID!) {
    application(applicationId: $applicationId) {
      id
      status
      version
      title
      summary
      problem
      approach
      contactName
      contactEmail
      currency
      submittedAt
      decidedAt
      lastDecision
      decisionFeedback
      updatedAt
      requestedAmount {
        amount
        currency
      }
      budgetLines {
        category
        name
        amount {
          amount
          currency
        }
      }
      sprintPlan {
        goal
        milestones
      }
      versions {
        version
        submittedAt
      }
      programme {
        id
        title
        currency
        timeZone
        maxSprints
        sprintLengthDays
        callClosesAt
        funder {
          id
          name
        }
      }
      grant {
        id
        reference
        status
        startDate
        endDate
        awardedAmount {
          amount
          currency
        }
        sprints {
          id
          number
          startDate
          endDate
          goal
          status
        }
        tranches {
          id
          number
          kind
          status
          releasedBySprint
          amount {
            amount
            currency
          }
        }
      }
    }
  }
`);

export const ApplicationProgrammeQuery = graphql(`
  query ApplicationProgramme($applicationId: ID!) {
    application(applicationId: $applicationId) {
      id
      programme {
        id
      }
    }
  }
`);

export const SaveApplicationDraftMutation = graphql(`
  mutation SaveApplicationDraft($input: SaveApplicationInput!) {
    saveApplicationDraft(input: $input) {
      id
      status
      updatedAt
    }
  }
`);

export const SubmitApplicationMutation = graphql(`
  mutation SubmitApplication($applicationId: ID!) {
    submitApplication(applicationId: $applicationId) {
      id
      status
      version
    }
  }
`);

export const WithdrawApplicationMutation = graphql(`
  mutation WithdrawApplication($applicationId: ID!) {
    withdrawApplication(applicationId: $applicationId) {
      id
      status
    }
  }
`);
