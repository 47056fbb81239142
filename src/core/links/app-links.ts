// The one table of the web app's pages that the API links to from emails and notifications
// (PUBLIC_APP_URL + path). The web app has a page for each (web/src/routes/); the browser test
// test/web/email-links.spec.ts opens every link of every kind of email. Add a path here, and its
// page there, before an email links anywhere new.

const token = (path: string, value: string) => `${path}?token=${encodeURIComponent(value)}`;

export const AppLinks = {
  logIn: () => '/login',
  forgotPassword: () => '/forgot-password',
  verifyEmail: (t: string) => token('/verify-email', t),
  resetPassword: (t: string) => token('/reset-password', t),
  confirmEmail: (t: string) => token('/confirm-email', t),
  acceptInvitation: (t: string) => token('/invitations/accept', t),
  notificationSettings: () => '/settings/notifications',
  webhookEndpoint: (endpointId: string) => `/settings/webhooks/${endpointId}`,
  application: (applicationId: string) => `/applications/${applicationId}`,
  /** An application as its funder reviews and decides it. */
  applicationReview: (programmeId: string, applicationId: string) =>
    `/programmes/${programmeId}/applications/${applicationId}`,
  sprintReview: (grantId: string, sprintNumber: number) =>
    `/grants/${grantId}/sprints/${sprintNumber}/review`,
  grantBudget: (grantId: string) => `/grants/${grantId}/budget`,
  changeNotice: (grantId: string, noticeId: string) => `/grants/${grantId}/notices/${noticeId}`,
  proofOfUse: (grantId: string, proofOfUseId: string) =>
    `/grants/${grantId}/proof-of-use/${proofOfUseId}`,
  report: (reportId: string) => `/reports/${reportId}`,
  portfolio: (programmeId: string) => `/programmes/${programmeId}/portfolio`,
  learning: (learningId: string) => `/learnings/${learningId}`,
} as const;

/** An app path as an absolute link for emails. */
export function appUrl(publicAppUrl: string, path: string): string {
  return `${publicAppUrl.replace(/\/$/, '')}${path}`;
}
