// A reviewer's scores for an application: 1–5 with a reason for every criterion of the
// programme. Scoring again replaces one's earlier scores (the form starts from them).
import { Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { useFormSubmit } from '../../lib/use-form-submit';
import { FormAlert } from '../../ui/form-alert';
import { notifySuccess } from '../../ui/notify';
import { ScoreApplicationMutation } from './operations';

interface Criterion {
  key: string;
  name: string;
  weight: number;
}

export function ScoreForm({
  applicationId,
  criteria,
  mine,
}: {
  applicationId: string;
  criteria: Criterion[];
  mine?: { criterionKey: string; score: number; comment: string }[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      scores: criteria.map((c) => {
        const earlier = mine?.find((s) => s.criterionKey === c.key);
        return {
          criterionKey: c.key,
          score: earlier ? String(earlier.score) : '',
          comment: earlier?.comment ?? '',
        };
      }),
    },
    validate: {
      scores: {
        score: (v) => (v ? null : t('scoring.pickScore')),
        comment: (v) => (v.trim() ? null : t('scoring.giveReason')),
      },
    },
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(ScoreApplicationMutation, {
      input: {
        applicationId,
        scores: values.scores.map((s) => ({
          criterionKey: s.criterionKey,
          score: Number(s.score),
          comment: s.comment.trim(),
        })),
      },
    });
    await queryClient.invalidateQueries({ queryKey: ['review-application', applicationId] });
    await queryClient.invalidateQueries({ queryKey: ['inbox'] });
    notifySuccess(t('scoring.saved'));
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={720}>
        <FormAlert message={topError} />
        {criteria.map((c, i) => (
          <Stack key={c.key} gap="xs">
            <Radio.Group
              label={t('scoring.scoreFor', { criterion: c.name })}
              description={t('scoring.weight', { weight: c.weight })}
              required
              {...form.getInputProps(`scores.${i}.score`)}
            >
              <Group mt="xs">
                {[1, 2, 3, 4, 5].map((n) => (
                  <Radio key={n} value={String(n)} label={t(`scoring.scale.${n}`)} />
                ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('scoring.reasonFor', { criterion: c.name })}
              required
              autosize
              minRows={2}
              {...form.getInputProps(`scores.${i}.comment`)}
            />
          </Stack>
        ))}
        {mine && (
          <Text size="sm" c="dimmed">
            {t('scoring.replaces')}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={submitting}>
            {mine ? t('scoring.rescore') : t('scoring.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
