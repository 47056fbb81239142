// Open grant data (360Giving): the organisation's identifiers, grants marked publishable, exports.
import { graphql } from '../../lib/graphql';

export const PublishableGrantFragment = graphql(`
  fragment PublishableGrant on Grant {
    id
    reference
    title
    grantee {
      name
    }
    publication {
      publishable
    }
  }
`);

export const UpdateOpenDataSettingsMutation = graphql(`
  mutation UpdateOpenDataSettings($input: UpdateOpenDataSettingsInput!) {
    updateOpenDataSettings(input: $input) {
      orgIdentifier
      grantIdPrefix
    }
  }
`);

export const SetGrantPublicationMutation = graphql(`
  mutation SetGrantPublication($grantId: ID!, $input: GrantPublicationInput!) {
    setGrantPublication(grantId: $grantId, input: $input) {
      id
      publication {
        publishable
      }
    }
  }
`);

export const OpenGrantDataLinkMutation = graphql(`
  mutation OpenGrantDataLink($programmeId: ID!, $format: OpenGrantDataFormat!) {
    createOpenGrantDataDownloadLink(programmeId: $programmeId, format: $format) {
      url
    }
  }
`);
