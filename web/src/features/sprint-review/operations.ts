// The sprint review page's operations: everything the editor and the decision view show, in one
// request, and the mutations that change a review.
import { graphql, type ResultOf } from '../../lib/graphql';

const ReviewContentFields = graphql(`
  fragment ReviewContentFields on ReviewContentView {
    summary
    confidence
    confidenceNote
    outcomes {
      milestoneId
      milestoneTitle
      outcome
      note
    }
    spend {
      lineId
      lineName
      amount {
        amount
      }
      explanation
    }
    answers {
      key
      text
      number
      choice
    }
    learnings {
      title
      kind
      tried
      happened
      learned
      tags
      visibility
    }
    nextSprint {
      goal
      milestones
    }
  }
`);

export const ReviewPageQuery = graphql(
  `
    query ReviewPage($grantId: ID!) {
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
          learningVisibilityDefault
          reviewTemplate {
            key
            labelDe
            labelEn
            type
            required
            min
            max
            options
          }
        }
        budgetLines {
          id
          name
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
        sprints {
          id
          number
          status
          goal
          startDate
          endDate
          milestones {
            id
            title
          }
          review {
            id
            status
            submittedVersion
            final
            updatedAt
            draft {
              ...ReviewContentFields
            }
            versions {
              id
              number
              submittedAt
              submittedBy {
                displayName
              }
              planDiff {
                changed
                goalChanged
                goalBefore
                goalAfter
                milestonesAdded
                milestonesRemoved
                milestonesKept
              }
              content {
                ...ReviewContentFields
              }
            }
            decisions {
              id
              decision
              comment
              version
              createdAt
              decidedBy {
                displayName
              }
            }
            comments(first: 100) {
              nodes {
                id
                body
                createdAt
                version
                author {
                  displayName
                }
                organization {
                  id
                  name
                }
              }
            }
          }
        }
      }
    }
  `,
  [ReviewContentFields],
);

export type ReviewPage = ResultOf<typeof ReviewPageQuery>;
export type ReviewGrant = ReviewPage['grant'];
export type ReviewSprint = ReviewGrant['sprints'][number];
export type Review = NonNullable<ReviewSprint['review']>;
export type ReviewVersion = Review['versions'][number];
export type ReviewContent = ReviewVersion['content'];

export const SaveReviewMutation = graphql(`
  mutation SaveSprintReview($input: SaveSprintReviewInput!) {
    saveSprintReview(input: $input) {
      id
      status
      updatedAt
    }
  }
`);

export const SubmitReviewMutation = graphql(`
  mutation SubmitSprintReview($input: SubmitSprintReviewInput!) {
    submitSprintReview(input: $input) {
      id
      status
      submittedVersion
    }
  }
`);

export const DecideReviewMutation = graphql(`
  mutation DecideSprintReview($input: DecideSprintReviewInput!) {
    decideSprintReview(input: $input) {
      id
      status
    }
  }
`);

export const CommentMutation = graphql(`
  mutation CommentOnSprintReview($input: CommentOnSprintReviewInput!) {
    commentOnSprintReview(input: $input) {
      id
    }
  }
`);
