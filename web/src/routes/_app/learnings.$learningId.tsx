// One learning in the app, with what the reader may do: the team decides who reads it (and answers
// a funder's request), the funder may ask for it to be shared more widely, other organisations
// may say it helped them.
import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { useAction } from '../../lib/use-action';
import { LearningArticle } from '../../features/learnings/learning-article';
import {
  ChangeLearningVisibilityMutation,
  DecideLearningShareRequestMutation,
  LearningQuery,
  MarkLearningHelpfulMutation,
  RequestLearningVisibilityMutation,
  UnmarkLearningHelpfulMutation,
} from '../../features/learnings/operations';

const VISIBILITIES = ['GRANT', 'PROGRAMME', 'PUBLIC'] as const;
const LICENCES = [
  { value: 'CC_BY_4_0', label: 'CC BY 4.0' },
  { value: 'CC_BY_SA_4_0', label: 'CC BY-SA 4.0' },
  { value: 'CC0_1_0', label: 'CC0 1.0' },
];
type Visibility = (typeof VISIBILITIES)[number];

const learningQuery = (id: string) => ({
  queryKey: ['learnings', 'one', id],
  queryFn: () => request(LearningQuery, { id }),
});

export const Route = createFileRoute('/_app/learnings/$learningId')({
  loader: ({ context, params }) =>
    context.queryClient.ensureQueryData(learningQuery(params.learningId)),
  component: LearningPage,
});

function LearningPage() {
  const { t } = useTranslation();
  const { learningId } = Route.useParams();
  const { data } = useSuspenseQuery(learningQuery(learningId));
  const l = data.learning;
  const run = useAction([['learnings']]);
  const [visibility, setVisibility] = useState<Visibility>(l.visibility);
  const [attribution, setAttribution] = useState(l.attribution);
  const [licence, setLicence] = useState<string>(l.licence);
  const wider = VISIBILITIES.filter(
    (v) => VISIBILITIES.indexOf(v) > VISIBILITIES.indexOf(l.visibility),
  );
  const [ask, setAsk] = useState<Visibility | null>(wider[0] ?? null);
  const visLabel = (v: string) => t(`learnings.visibility.${v}`);
  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to="/learnings">
        {t('commons.back')}
      </Anchor>
      {l.viewerMay.answerRequest && l.requestedVisibility && (
        <Alert color="blue" title={t('learnings.sharing')}>
          <Stack gap="sm">
            <Text size="sm">
              {t('learnings.requested', { visibility: visLabel(l.requestedVisibility) })}
            </Text>
            <Group>
              <Button
                onClick={() =>
                  void run(
                    () =>
                      request(DecideLearningShareRequestMutation, {
                        input: { learningId: l.id, decision: 'CONSENT' },
                      }),
                    t('learnings.consented'),
                  )
                }
              >
                {t('learnings.consent')}
              </Button>
              <Button
                variant="default"
                onClick={() =>
                  void run(
                    () =>
                      request(DecideLearningShareRequestMutation, {
                        input: { learningId: l.id, decision: 'DECLINE' },
                      }),
                    t('learnings.declined'),
                  )
                }
              >
                {t('learnings.decline')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <LearningArticle learning={l} to="app" />
      {l.visibility === 'PUBLIC' && (
        <Anchor href={`/commons/${l.id}`}>{t('learnings.openPublic')}</Anchor>
      )}
      {l.viewerMay.changeVisibility && (
        <Card withBorder component="section" aria-labelledby="sharing-title" maw={760}>
          <Stack gap="sm">
            <Title order={2} size="h4" id="sharing-title">
              {t('learnings.sharing')}
            </Title>
            <Select
              label={t('learnings.visibility.label')}
              value={visibility}
              onChange={(v) => v && setVisibility(v)}
              data={VISIBILITIES.map((v) => ({ value: v, label: visLabel(v) }))}
              allowDeselect={false}
            />
            {l.source.authorKind === 'GRANTEE' && (
              <Select
                label={t('learnings.attribution.label')}
                value={attribution}
                onChange={(v) => v && setAttribution(v as typeof attribution)}
                data={['PSEUDONYMOUS', 'NAMED'].map((v) => ({
                  value: v,
                  label: t(`learnings.attribution.${v}`),
                }))}
                allowDeselect={false}
              />
            )}
            <Select
              label={t('learnings.licenceLabel')}
              value={licence}
              onChange={(v) => v && setLicence(v)}
              data={LICENCES}
              allowDeselect={false}
            />
            <Group>
              <Button
                onClick={() =>
                  void run(
                    () =>
                      request(ChangeLearningVisibilityMutation, {
                        input: {
                          learningId: l.id,
                          visibility,
                          attribution,
                          licence: licence as typeof l.licence,
                        },
                      }),
                    t('learnings.saved'),
                  )
                }
              >
                {t('learnings.save')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {l.viewerMay.requestVisibility && (
        <Card withBorder component="section" aria-labelledby="ask-title" maw={760}>
          <Stack gap="sm">
            <Title order={2} size="h4" id="ask-title">
              {t('learnings.sharing')}
            </Title>
            {l.requestedVisibility && (
              <Text size="sm">
                {t('learnings.pendingAsk', { visibility: visLabel(l.requestedVisibility) })}
              </Text>
            )}
            {ask && (
              <Group align="flex-end">
                <Select
                  label={t('learnings.ask')}
                  value={ask}
                  onChange={(v) => v && setAsk(v)}
                  data={wider.map((v) => ({ value: v, label: visLabel(v) }))}
                  allowDeselect={false}
                />
                <Button
                  onClick={() =>
                    void run(
                      () =>
                        request(RequestLearningVisibilityMutation, {
                          input: { learningId: l.id, visibility: ask },
                        }),
                      t('learnings.asked'),
                    )
                  }
                >
                  {t('learnings.askSubmit')}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      )}
      {l.viewerMay.markHelpful && (
        <Group>
          {l.markedHelpful ? (
            <Button
              variant="default"
              onClick={() =>
                void run(
                  () => request(UnmarkLearningHelpfulMutation, { id: l.id }),
                  t('learnings.unhelped'),
                )
              }
            >
              {t('learnings.unhelp')}
            </Button>
          ) : (
            <Button
              variant="light"
              onClick={() =>
                void run(
                  () => request(MarkLearningHelpfulMutation, { id: l.id }),
                  t('learnings.helpedDone'),
                )
              }
            >
              {t('learnings.helped')}
            </Button>
          )}
          <Text size="sm" c="dimmed">
            {t('commons.helpedCount', { count: l.helpfulCount })}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
