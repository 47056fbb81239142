// The account operations the sign-in pages use; the same ones any API client can call.
import { graphql } from '../../lib/graphql';

export const SessionFields = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    accessTokenExpiresAt
    person {
      id
      language
    }
    organization {
      id
      formOfAddress
    }
  }
`);

export const LogInMutation = graphql(
  `
    mutation LogIn($input: LogInInput!) {
      logIn(input: $input) {
        ...SessionFields
      }
    }
  `,
  [SessionFields],
);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      email
    }
  }
`);

export const VerifyEmailMutation = graphql(
  `
    mutation VerifyEmail($token: String!) {
      verifyEmail(token: $token, refreshTokenTransport: COOKIE) {
        ...SessionFields
      }
    }
  `,
  [SessionFields],
);

export const ResendVerificationMutation = graphql(`
  mutation ResendVerification {
    resendVerificationEmail
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

export const ConfirmEmailChangeMutation = graphql(`
  mutation ConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token)
  }
`);

export const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      email
      role
      organizationName
      organizationKind
      invitedByName
      accountExists
    }
  }
`);

export const AcceptInvitationMutation = graphql(
  `
    mutation AcceptInvitation($input: AcceptInvitationInput!) {
      acceptInvitation(input: $input) {
        ...SessionFields
      }
    }
  `,
  [SessionFields],
);

export const LogOutMutation = graphql(`
  mutation LogOut {
    logOut
  }
`);
