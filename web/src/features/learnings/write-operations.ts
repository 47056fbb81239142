// Operations used while a learning is written (the funder's "write a learning" page and the
// team's sprint review): kept apart from the commons' operations so they load only with those pages.
import { graphql } from '../../lib/graphql';
import { LearningCardFields } from './operations';

export const LearningTagSuggestionsQuery = graphql(`
  query LearningTagSuggestions($prefix: String) {
    learningTagSuggestions(prefix: $prefix, first: 10)
  }
`);

export const SimilarLearningsQuery = graphql(
  `
    query SimilarLearnings($text: String!) {
      similarLearnings(text: $text, first: 5) {
        ...LearningCardFields
      }
    }
  `,
  [LearningCardFields],
);

/** What the "write a learning" page needs: the funder's programmes to choose from. */
export const WriteLearningPageQuery = graphql(`
  query WriteLearningPage {
    programmes(first: 100) {
      nodes {
        id
        title
        status
      }
    }
    learningLicences {
      id
      name
    }
  }
`);

export const WriteLearningMutation = graphql(`
  mutation WriteLearning($input: WriteLearningInput!) {
    writeLearning(input: $input) {
      id
    }
  }
`);
