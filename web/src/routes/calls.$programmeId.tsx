// One open call, readable by everyone: what it funds, the criteria, what a grant here means, and
// the way to apply — straight into a new draft when signed in as a grantee, else through sign-up
// or log-in and back here.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { queryOptions, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../lib/client';
import { formattingLocale } from '../lib/i18n';
import { formatMoney } from '../lib/money';
import { useSession } from '../lib/session';
import { formatInZone } from '../features/calls/call-dates';
import { CallCriteria, CallRules } from '../features/calls/call-rules';
import { OpenCallQuery } from '../features/calls/operations';
import { PublicFrame } from '../features/calls/public-frame';
import { ButtonLink } from '../features/calls/button-link';
import { SaveApplicationDraftMutation } from '../features/applications/operations';
import { viewerQuery } from '../features/session/viewer';
import { FormAlert } from '../ui/form-alert';
import { Section } from '../ui/section';
import { errorText } from '../ui/states';

const openCallQuery = (programmeId: string) =>
  queryOptions({
    queryKey: ['openCall', programmeId],
    queryFn: () => request(OpenCallQuery, { programmeId }),
  });

export const Route = createFileRoute('/calls/$programmeId')({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(openCallQuery(params.programmeId)),
  component: CallPage,
});

function CallPage() {
  const { t } = useTranslation();
  const { programmeId } = Route.useParams();
  const call = useSuspenseQuery(openCallQuery(programmeId)).data.openCall;
  const locale = formattingLocale();
  return (
    <PublicFrame back={`/calls/${programmeId}`}>
      <Stack gap="lg" maw={900}>
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t('calls.by', { funder: call.funder.name })}
          </Text>
          <Title order={1}>{call.title}</Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{call.description}</Text>
        </Stack>
        <Group gap="xl">
          <Text>
            {t('calls.budget', {
              amount: formatMoney(call.totalBudget.amount, call.totalBudget.currency, locale),
            })}
          </Text>
          {call.callClosesAt && (
            <Text fw={600}>
              {t('calls.closes', { when: formatInZone(call.callClosesAt, call.timeZone, locale) })}
            </Text>
          )}
        </Group>
        <Apply programmeId={programmeId} />
        <CallCriteria call={call} />
        <CallRules call={call} />
      </Stack>
    </PublicFrame>
  );
}

function Apply({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signedIn = useSession() !== null;
  const viewer = useQuery({ ...viewerQuery(), enabled: signedIn });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const here = `/calls/${programmeId}`;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = await request(SaveApplicationDraftMutation, { input: { programmeId } });
      await navigate({
        to: '/applications/$applicationId',
        params: { applicationId: data.saveApplicationDraft.id },
      });
    } catch (cause) {
      setError(errorText(cause, t));
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (!signedIn) {
    body = (
      <>
        <Text>{t('calls.applySignedOut')}</Text>
        <Group>
          <ButtonLink to="/signup" search={{ redirect: here }}>
            {t('calls.signUpToApply')}
          </ButtonLink>
          <ButtonLink to="/login" search={{ redirect: here }} variant="default">
            {t('calls.logInToApply')}
          </ButtonLink>
        </Group>
      </>
    );
  } else if (viewer.data?.me.organization?.kind === 'FUNDER') {
    body = <Text>{t('calls.applyFunder')}</Text>;
  } else {
    body = (
      <>
        <Text>{t('calls.applyText')}</Text>
        <FormAlert message={error} />
        <Group>
          <Button onClick={() => void start()} loading={busy} disabled={!viewer.data}>
            {t('calls.start')}
          </Button>
        </Group>
      </>
    );
  }
  return (
    <Section title={t('calls.applyTitle')}>
      <Stack gap="sm">{body}</Stack>
    </Section>
  );
}
