// A funder's own learning about one of its programmes (owners and managers): what its process got
// wrong or what it would change, with the same kinds, tags and visibility as a team's. Tags in use
// are suggested as one types; the API's problems are shown at their fields; once saved, the
// learning's page opens, shown as the funder's.
import { Alert, Button, Group, Radio, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { useFormSubmit } from '../../lib/use-form-submit';
import {
  WriteLearningMutation,
  WriteLearningPageQuery,
} from '../../features/learnings/write-operations';
import { LearningTagsInput, SimilarLearnings } from '../../features/learnings/writing';
import { hasRole, useViewer } from '../../features/session/viewer';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

const KINDS = ['INSIGHT', 'FAILURE', 'SURPRISE'] as const;
const VISIBILITIES = ['GRANT', 'PROGRAMME', 'PUBLIC'] as const;
type Kind = (typeof KINDS)[number];
type Visibility = (typeof VISIBILITIES)[number];
type Licence = 'CC_BY_4_0' | 'CC_BY_SA_4_0' | 'CC0_1_0';

interface Values extends Record<string, unknown> {
  programmeId: string;
  kind: Kind;
  title: string;
  tried: string;
  happened: string;
  learned: string;
  tags: string[];
  visibility: Visibility;
  licence: Licence;
}

const pageQuery = {
  queryKey: ['learnings', 'write-page'],
  queryFn: () => request(WriteLearningPageQuery),
};

export const Route = createFileRoute('/_app/learnings/new')({
  component: WriteLearningPage,
});

function WriteLearningPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const allowed = viewer.me.organization?.kind === 'FUNDER' && hasRole(viewer, 'OWNER', 'MANAGER');
  return (
    <Page title={t('learnings.write.title')} description={t('learnings.write.description')}>
      {allowed ? (
        <WriteLearningForm />
      ) : (
        <Alert color="blue">{t('learnings.write.notAllowed')}</Alert>
      )}
    </Page>
  );
}

function WriteLearningForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(pageQuery);
  const programmes = data.programmes.nodes;
  const required = (v: string) => (v.trim() ? null : t('validation.required'));
  const form = useForm<Values>({
    initialValues: {
      programmeId: programmes.length === 1 ? programmes[0].id : '',
      kind: 'INSIGHT',
      title: '',
      tried: '',
      happened: '',
      learned: '',
      tags: [],
      visibility: 'GRANT',
      licence: 'CC_BY_4_0',
    },
    validate: {
      programmeId: (v) => (v ? null : t('learnings.write.programmeMissing')),
      title: required,
      tried: required,
      happened: required,
      learned: required,
    },
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (v) => {
    const result = await request(WriteLearningMutation, {
      input: {
        programmeId: v.programmeId,
        kind: v.kind,
        title: v.title.trim(),
        tried: v.tried.trim(),
        happened: v.happened.trim(),
        learned: v.learned.trim(),
        tags: v.tags,
        visibility: v.visibility,
        ...(v.visibility === 'PUBLIC' ? { licence: v.licence } : {}),
      },
    });
    await queryClient.invalidateQueries({ queryKey: ['learnings'] });
    notifySuccess(t('learnings.write.saved'));
    await navigate({
      to: '/learnings/$learningId',
      params: { learningId: result.writeLearning.id },
    });
  });
  const values = form.getValues();
  if (programmes.length === 0)
    return <Alert color="blue">{t('learnings.write.noProgrammes')}</Alert>;
  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="lg" maw={760}>
        <FormAlert message={topError} />
        <Section title={t('learnings.write.aboutTitle')}>
          <Select
            label={t('learnings.write.programme')}
            required
            data={programmes.map((p) => ({ value: p.id, label: p.title }))}
            allowDeselect={false}
            searchable={programmes.length > 8}
            key={form.key('programmeId')}
            {...form.getInputProps('programmeId')}
          />
          <Radio.Group
            label={t('learnings.write.kind')}
            description={t('learnings.write.kindHint')}
            key={form.key('kind')}
            {...form.getInputProps('kind')}
          >
            <Group mt={4}>
              {KINDS.map((k) => (
                <Radio key={k} value={k} label={t(`commons.kind.${k}`)} />
              ))}
            </Group>
          </Radio.Group>
        </Section>
        <Section title={t('learnings.write.textTitle')}>
          <TextInput
            label={t('learnings.write.learningTitle')}
            description={t('learnings.write.learningTitleHint')}
            required
            maxLength={200}
            key={form.key('title')}
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('learnings.write.tried')}
            required
            autosize
            minRows={2}
            maxLength={5000}
            key={form.key('tried')}
            {...form.getInputProps('tried')}
          />
          <Textarea
            label={t('learnings.write.happened')}
            required
            autosize
            minRows={2}
            maxLength={5000}
            key={form.key('happened')}
            {...form.getInputProps('happened')}
          />
          <Textarea
            label={t('learnings.write.learned')}
            required
            autosize
            minRows={2}
            maxLength={5000}
            key={form.key('learned')}
            {...form.getInputProps('learned')}
          />
          <LearningTagsInput
            label={t('learnings.write.tags')}
            description={t('learnings.write.tagsHint')}
            key={form.key('tags')}
            {...form.getInputProps('tags')}
            value={form.getValues().tags}
            onChange={(tags) => form.setFieldValue('tags', tags)}
          />
        </Section>
        <Section title={t('learnings.write.sharingTitle')}>
          <Radio.Group
            label={t('learnings.write.visibility')}
            key={form.key('visibility')}
            {...form.getInputProps('visibility')}
          >
            <Stack gap="xs" mt={4}>
              {VISIBILITIES.map((v) => (
                <Radio
                  key={v}
                  value={v}
                  label={t(`learnings.write.visibilityOption.${v}`)}
                  description={t(`learnings.write.visibilityHint.${v}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          {values.visibility === 'PUBLIC' && (
            <Select
              label={t('learnings.licenceLabel')}
              data={data.learningLicences.map((l) => ({ value: l.id, label: l.name }))}
              allowDeselect={false}
              key={form.key('licence')}
              {...form.getInputProps('licence')}
            />
          )}
        </Section>
        <SimilarLearnings text={[values.title, values.tried].join(' ')} />
        <Group>
          <Button type="submit" loading={submitting}>
            {t('learnings.write.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
