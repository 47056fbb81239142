// The learning commons' operations: the public search and a learning, read with or without sign-in.
import { graphql } from '../../lib/graphql';

export const LearningCardFields = graphql(`
  fragment LearningCardFields on Learning {
    id
    title
    kind
    tags
    visibility
    sprintNumber
    createdAt
    helpfulCount
    source {
      authorKind
      named
      authorName
      programmeTitle
      funderName
      grantTitle
    }
  }
`);

export const PublicLearningSearchQuery = graphql(
  `
    query PublicLearningSearch(
      $text: String
      $kind: LearningKind
      $tag: String
      $programmeId: ID
      $funderId: ID
      $year: Int
      $after: String
    ) {
      publicLearningSearch(
        text: $text
        kind: $kind
        tag: $tag
        programmeId: $programmeId
        funderId: $funderId
        year: $year
        first: 20
        after: $after
      ) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          snippet {
            text
            highlighted
          }
          node {
            ...LearningCardFields
          }
        }
        facets {
          kinds {
            value
            count
          }
          tags {
            value
            count
          }
          programmes {
            value
            label
            count
          }
          funders {
            value
            label
            count
          }
          years {
            value
            count
          }
        }
      }
    }
  `,
  [LearningCardFields],
);

export const LearningQuery = graphql(
  `
    query Learning($id: ID!) {
      learning(learningId: $id) {
        ...LearningCardFields
        tried
        happened
        learned
        attribution
        licence
        requestedVisibility
        markedHelpful
        licenceInfo {
          name
          url
        }
        source {
          grantReference
          grantId
        }
        viewerMay {
          changeVisibility
          requestVisibility
          answerRequest
          markHelpful
        }
        similar(first: 5) {
          id
          title
          kind
        }
      }
    }
  `,
  [LearningCardFields],
);

export const SearchLearningsQuery = graphql(
  `
    query SearchLearnings(
      $text: String
      $scope: LearningScope
      $kind: LearningKind
      $after: String
    ) {
      searchLearnings(text: $text, scope: $scope, kind: $kind, first: 20, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          snippet {
            text
            highlighted
          }
          node {
            ...LearningCardFields
          }
        }
        facets {
          kinds {
            value
            count
          }
        }
      }
    }
  `,
  [LearningCardFields],
);

export const ChangeLearningVisibilityMutation = graphql(`
  mutation ChangeLearningVisibility($input: ChangeLearningVisibilityInput!) {
    changeLearningVisibility(input: $input) {
      id
      visibility
    }
  }
`);

export const RequestLearningVisibilityMutation = graphql(`
  mutation RequestLearningVisibility($input: RequestLearningVisibilityInput!) {
    requestLearningVisibility(input: $input) {
      id
      requestedVisibility
    }
  }
`);

export const DecideLearningShareRequestMutation = graphql(`
  mutation DecideLearningShareRequest($input: DecideLearningShareRequestInput!) {
    decideLearningShareRequest(input: $input) {
      id
      visibility
    }
  }
`);

export const MarkLearningHelpfulMutation = graphql(`
  mutation MarkLearningHelpful($id: ID!) {
    markLearningHelpful(learningId: $id) {
      id
      helpfulCount
      markedHelpful
    }
  }
`);

export const UnmarkLearningHelpfulMutation = graphql(`
  mutation UnmarkLearningHelpful($id: ID!) {
    unmarkLearningHelpful(learningId: $id) {
      id
      helpfulCount
      markedHelpful
    }
  }
`);
