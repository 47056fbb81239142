// Operations of the tranche page: the schedule and the manual release.
import { graphql } from '../../lib/graphql';

export const GrantTranchesQuery = graphql(`
  query GrantTranches($grantId: ID!) {
    grant(grantId: $grantId) {
      id
      reference
      title
      status
      currency
      tranches {
        id
        number
        kind
        status
        releasedAt
        cancelledAt
        releasedBySprint
        amount {
          amount
        }
      }
    }
  }
`);

export const ReleaseTrancheMutation = graphql(`
  mutation ReleaseTranche($input: ReleaseTrancheInput!) {
    releaseTranche(input: $input) {
      id
      status
      releasedAt
    }
  }
`);
