// Operations of the settings pages: the person's profile, the organisation, members and
// invitations, API keys, webhook endpoints, notification preferences and the audit trail.
import { graphql } from '../../lib/graphql';

export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateMyProfileInput!) {
    updateMyProfile(input: $input) {
      id
      displayName
      language
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const RequestEmailChangeMutation = graphql(`
  mutation RequestEmailChange($newEmail: String!, $password: String!) {
    requestEmailChange(newEmail: $newEmail, password: $password)
  }
`);

export const UpdateOrganizationMutation = graphql(`
  mutation UpdateOrganization($input: UpdateOrganizationInput!) {
    updateOrganization(input: $input) {
      id
      name
      country
      language
      formOfAddress
    }
  }
`);

export const MembersQuery = graphql(`
  query Members($after: String, $withInvitations: Boolean!) {
    members(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        role
        createdAt
        person {
          id
          displayName
          email
        }
      }
    }
    invitations(first: 50, status: PENDING) @include(if: $withInvitations) {
      totalCount
      nodes {
        id
        email
        role
        status
        createdAt
        expiresAt
      }
    }
  }
`);

export const InviteMemberMutation = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
      email
      role
    }
  }
`);

export const ResendInvitationMutation = graphql(`
  mutation ResendInvitation($invitationId: ID!) {
    resendInvitation(invitationId: $invitationId) {
      id
      expiresAt
    }
  }
`);

export const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($invitationId: ID!) {
    revokeInvitation(invitationId: $invitationId) {
      id
      status
    }
  }
`);

export const ChangeMemberRoleMutation = graphql(`
  mutation ChangeMemberRole($membershipId: ID!, $role: Role!) {
    changeMemberRole(membershipId: $membershipId, role: $role) {
      id
      role
    }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation RemoveMember($membershipId: ID!) {
    removeMember(membershipId: $membershipId) {
      id
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys($after: String) {
    apiKeys(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        expiresAt
        revokedAt
      }
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      plainKey
      apiKey {
        id
        name
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($apiKeyId: ID!) {
    revokeApiKey(apiKeyId: $apiKeyId) {
      id
      revokedAt
    }
  }
`);

export const WebhookEndpointFields = graphql(`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    eventTypes
    status
    disabledReason
    consecutiveFailures
    createdAt
  }
`);

export const WebhookEndpointsQuery = graphql(
  `
    query WebhookEndpoints {
      webhookEndpoints(first: 100) {
        nodes {
          ...WebhookEndpointFields
        }
      }
    }
  `,
  [WebhookEndpointFields],
);

export const WebhookEndpointQuery = graphql(
  `
    query WebhookEndpoint($endpointId: ID!, $after: String) {
      node(id: $endpointId) {
        __typename
        ...WebhookEndpointFields
      }
      webhookDeliveries(endpointId: $endpointId, first: 25, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          eventType
          status
          attempts
          createdAt
          deliveredAt
          lastAttemptAt
          lastStatusCode
          lastDurationMs
          lastError
        }
      }
    }
  `,
  [WebhookEndpointFields],
);

export const CreateWebhookEndpointMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
      }
    }
  }
`);

export const UpdateWebhookEndpointMutation = graphql(
  `
    mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
      updateWebhookEndpoint(input: $input) {
        ...WebhookEndpointFields
      }
    }
  `,
  [WebhookEndpointFields],
);

export const DeleteWebhookEndpointMutation = graphql(`
  mutation DeleteWebhookEndpoint($endpointId: ID!) {
    deleteWebhookEndpoint(endpointId: $endpointId)
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation RedeliverWebhook($deliveryId: ID!) {
    redeliverWebhook(deliveryId: $deliveryId) {
      id
      status
    }
  }
`);

export const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      email
      inApp
      mandatory
    }
  }
`);

export const SetNotificationPreferenceMutation = graphql(`
  mutation SetNotificationPreference($input: SetNotificationPreferenceInput!) {
    setNotificationPreference(input: $input) {
      kind
      email
      inApp
      mandatory
    }
  }
`);

export const AuditEventsQuery = graphql(`
  query AuditEvents($after: String, $filter: AuditEventFilter) {
    auditEvents(first: 50, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        action
        actorKind
        actorPersonId
        actorApiKeyId
        subjectType
        subjectId
        createdAt
        before
        after
      }
    }
  }
`);

export const NotificationsQuery = graphql(`
  query Notifications($after: String, $unreadOnly: Boolean) {
    notifications(first: 30, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        title
        body
        link
        createdAt
        readAt
      }
    }
    unreadNotificationCount
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);
