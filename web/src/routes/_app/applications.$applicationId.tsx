// One application, for the grantee team that writes it: the draft editor while it can change
// (draft, or after the funder asked for information), else its status, the decision with the
// funder's feedback and, once approved, the grant in brief. People acting for a funder are sent
// to the funder's page of the same application.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Attachments } from '../../features/attachments/attachments';
import { createFileRoute, redirect } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { useAction } from '../../lib/use-action';
import {
  ApplicationProgrammeQuery,
  WithdrawApplicationMutation,
} from '../../features/applications/operations';
import { DraftForm } from '../../features/applications/draft-form';
import { applicationQuery } from '../../features/applications/queries';
import {
  GrantSummary,
  StatusBadge,
  StatusPanel,
  SubmittedContent,
} from '../../features/applications/status-panel';
import { viewerQuery } from '../../features/session/viewer';
import { ConfirmButton } from '../../ui/confirm-button';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

export const Route = createFileRoute('/_app/applications/$applicationId')({
  loader: async ({ context, params }) => {
    const viewer = await context.queryClient.ensureQueryData(viewerQuery());
    if (viewer.me.organization?.kind === 'FUNDER') {
      const data = await request(ApplicationProgrammeQuery, {
        applicationId: params.applicationId,
      });
      throw redirect({
        href: `/programmes/${data.application.programme.id}/applications/${params.applicationId}`,
        replace: true,
      });
    }
    await context.queryClient.fetchQuery(applicationQuery(params.applicationId));
  },
  component: ApplicationPage,
});

const EDITABLE = ['DRAFT', 'INFO_REQUESTED'];

function ApplicationPage() {
  const { t } = useTranslation();
  const { applicationId } = Route.useParams();
  const application = useSuspenseQuery(applicationQuery(applicationId)).data.application;
  const run = useAction([['application', applicationId], ['applications']]);
  const editable = EDITABLE.includes(application.status);
  return (
    <Page
      title={application.title || t('applications.untitled')}
      description={
        <Group gap="xs" component="span">
          <Text component="span">
            {t('applications.toProgramme', {
              programme: application.programme.title,
              funder: application.programme.funder.name,
            })}
          </Text>
          <StatusBadge status={application.status} />
        </Group>
      }
      actions={
        <AnchorLink to="/applications" size="sm">
          {t('applications.backToList')}
        </AnchorLink>
      }
    >
      <Stack gap="lg">
        {application.status !== 'DRAFT' && <StatusPanel application={application} />}
        {application.status === 'APPROVED' && <GrantSummary application={application} />}
        {editable ? (
          <DraftForm
            key={`${application.status}-${application.version}`}
            application={application}
          />
        ) : (
          <SubmittedContent application={application} />
        )}
        <Section
          title={t('attachments.applicationTitle')}
          description={t('attachments.applicationHint')}
        >
          <Attachments
            parentType="APPLICATION"
            parentId={applicationId}
            label={t('attachments.applicationTitle')}
            canUpload={application.status !== 'WITHDRAWN'}
          />
        </Section>
        {application.status === 'SUBMITTED' && (
          <Group>
            <ConfirmButton
              variant="default"
              color="red"
              title={t('applications.withdrawTitle')}
              message={t('applications.withdrawMessage')}
              confirmLabel={t('applications.withdraw')}
              onConfirm={() =>
                // The page itself shows the new status; no toast to chase.
                run(() => request(WithdrawApplicationMutation, { applicationId }))
              }
            >
              {t('applications.withdraw')}
            </ConfirmButton>
          </Group>
        )}
        {application.status === 'WITHDRAWN' && (
          <Text size="sm" c="dimmed">
            {t('applications.withdrawnHint')}{' '}
            <Anchor href={`/calls/${application.programme.id}`}>{t('applications.toCall')}</Anchor>
          </Text>
        )}
      </Stack>
    </Page>
  );
}
