// Operations of the change-notice pages: a grant's notices with what the stop flow needs to
// explain (the money, the running sprint and its review draft), filing and answering a notice.
import { graphql } from '../../lib/graphql';

export const GrantNoticesQuery = graphql(`
  query GrantNotices($grantId: ID!) {
    grant(grantId: $grantId) {
      id
      reference
      title
      status
      currency
      endDate
      sprints {
        id
        number
        status
        startDate
        endDate
        review {
          id
          final
          draft {
            summary
            learnings {
              title
              kind
            }
            spend {
              amount {
                amount
              }
            }
          }
        }
      }
      tranches {
        id
        status
        amount {
          amount
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
        decisionReason
        amount {
          amount
        }
      }
      changeNotices(first: 100) {
        nodes {
          id
          kind
          status
          description
          createdAt
          decidedAt
          decisionComment
          requestedEndDate
          previousEndDate
          otherFundingSource
          otherFundingAmount {
            amount
            currency
          }
          filedBy {
            displayName
          }
          decidedBy {
            displayName
          }
          sprint {
            number
          }
        }
      }
    }
  }
`);

export const FileChangeNoticeMutation = graphql(`
  mutation FileChangeNotice($input: FileChangeNoticeInput!) {
    fileChangeNotice(input: $input) {
      id
      kind
    }
  }
`);

export const DecideChangeNoticeMutation = graphql(`
  mutation DecideChangeNotice($input: DecideChangeNoticeInput!) {
    decideChangeNotice(input: $input) {
      id
      status
    }
  }
`);
