// The grantee's sprint review: milestone outcomes, spend per line, the programme's questions,
// learnings, the next sprint's plan (with its change against the plan as it stands, a pivot where
// the goal changed) and the team's confidence. Every change is saved to the draft shortly after
// typing stops; "submit" sends it all and shows every problem the API finds at its field. After
// changes were requested, the funder's words stay beside the form.
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../lib/client';
import { formatDateTime } from '../../lib/dates';
import { currentLanguage, formattingLocale } from '../../lib/i18n';
import { LearningTagsInput, SimilarLearnings } from '../learnings/writing';
import { MoneyInput } from '../../ui/money-input';
import { Section } from '../../ui/section';
import { errorText } from '../../ui/states';
import { notifyDone } from './notify';
import {
  emptyLearning,
  fieldKey,
  planChange,
  planOf,
  toInput,
  valuesFrom,
  type ReviewValues,
  type SentKeys,
} from './model';
import {
  SaveReviewMutation,
  SubmitReviewMutation,
  type ReviewGrant,
  type ReviewSprint,
} from './operations';
import { CommentThread } from './comment-thread';

const OUTCOMES = ['DONE', 'PARTLY', 'NOT_DONE', 'DROPPED'] as const;
const KINDS = ['INSIGHT', 'FAILURE', 'SURPRISE'] as const;
const CONFIDENCES = ['GREEN', 'AMBER', 'RED'] as const;
const SAVE_DELAY_MS = 800;

type SaveState = { state: 'idle' | 'saving' | 'saved' | 'failed'; at?: string; message?: string };

export function ReviewEditor({ grant, sprint }: { grant: ReviewGrant; sprint: ReviewSprint }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const review = sprint.review;
  const next = grant.sprints.find((s) => s.number === sprint.number + 1);
  const latest = review?.versions[review.versions.length - 1];
  const [values, setValues] = useState<ReviewValues>(() =>
    valuesFrom(review?.draft ?? latest?.content, sprint, grant, next),
  );
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [focusProblem, setFocusProblem] = useState(0);
  const [topProblems, setTopProblems] = useState<string[]>([]);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const [submitting, setSubmitting] = useState(false);
  const touched = useRef(false);
  const template = grant.programme.reviewTemplate;

  const build = (forSubmit: boolean) =>
    toInput(values, sprint.id, grant.currency, template, !!next, forSubmit);

  // Saved as the team types: the latest values go to the draft once typing pauses.
  useEffect(() => {
    if (!touched.current) return;
    const timer = setTimeout(() => {
      setSave({ state: 'saving' });
      request(SaveReviewMutation, { input: build(false).input })
        .then((r) => setSave({ state: 'saved', at: r.saveSprintReview.updatedAt }))
        .catch((error: unknown) => setSave({ state: 'failed', message: errorText(error, t) }));
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values]);

  const update = (change: (v: ReviewValues) => ReviewValues) => {
    touched.current = true;
    setValues(change);
  };
  const err = (key: string) => problems[key]?.join('; ') || undefined;

  const submit = async () => {
    setSubmitting(true);
    setProblems({});
    setTopProblems([]);
    const { input, sent } = build(true);
    try {
      await request(SubmitReviewMutation, {
        input: { ...input, idempotencyKey: crypto.randomUUID() },
      });
      touched.current = false;
      notifyDone(t('sprintReview.submitted'), t('common.close'));
      await queryClient.invalidateQueries({ queryKey: ['grant', grant.id] });
    } catch (error) {
      placeProblems(error, sent);
    } finally {
      setSubmitting(false);
    }
  };

  const placeProblems = (error: unknown, sent: SentKeys) => {
    if (!(error instanceof ApiError) || error.fields.length === 0) {
      setTopProblems([errorText(error, t)]);
      return;
    }
    const byKey: Record<string, string[]> = {};
    for (const p of error.fields) {
      const key = fieldKey(p.field, sent);
      const message = language === 'de' ? (p.messageDe ?? p.message) : p.message;
      (byKey[key] ??= []).push(message);
    }
    setProblems(byKey);
    setTopProblems([t('sprintReview.problems', { count: error.fields.length })]);
    setFocusProblem((n) => n + 1);
  };
  // After the render that marked the problems: the first one gets the focus.
  useEffect(() => {
    if (focusProblem)
      document.querySelector<HTMLElement>('[aria-invalid="true"], [data-problem]')?.focus();
  }, [focusProblem]);

  // Whether a question has an answer the API would receive.
  const sent = (key: string) => build(false).sent.answers.includes(key);

  const sectionProblems = (key: string) =>
    problems[key] ? (
      <Alert color="red" role="alert" data-problem tabIndex={-1} p="xs">
        {problems[key].join('; ')}
      </Alert>
    ) : null;

  const changesRequested = review?.status === 'CHANGES_REQUESTED';
  const lastDecision = review?.decisions[review.decisions.length - 1];
  const plan = next ? planOf(next) : null;
  const change = plan
    ? planChange(plan, { goal: values.nextGoal, milestones: values.nextMilestones })
    : null;

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: changesRequested || review?.comments.nodes.length ? 8 : 12 }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="lg">
            {changesRequested && lastDecision && (
              <Alert
                color="grape"
                title={t('sprintReview.changesRequestedTitle')}
                data-testid="changes-requested"
              >
                <Text size="sm">
                  {t('sprintReview.changesRequestedBody', { name: grant.funder.name })}
                </Text>
                <Text size="sm" fw={600} mt="xs">
                  {t('sprintReview.quoted', { text: lastDecision.comment })}
                </Text>
              </Alert>
            )}
            {topProblems.length > 0 && (
              <Alert color="red" role="alert" title={topProblems[0]}>
                <List size="sm">
                  {Object.entries(problems).map(([key, msgs]) => (
                    <List.Item key={key}>
                      {t(`sprintReview.part.${key.split('.')[0]}`, { defaultValue: key })}:{' '}
                      {msgs.join('; ')}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}

            <Section title={t('sprintReview.summaryTitle')}>
              <Textarea
                label={t('sprintReview.summary')}
                autosize
                minRows={2}
                value={values.summary}
                error={err('summary')}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  update((s) => ({ ...s, summary: v }));
                }}
              />
            </Section>

            <Section
              title={t('sprintReview.outcomesTitle')}
              description={t('sprintReview.outcomesHint')}
            >
              {sprint.milestones.some((m) => !values.outcomes[m.id].outcome) &&
                sectionProblems('outcomes')}
              {sprint.milestones.map((m) => {
                const o = values.outcomes[m.id];
                return (
                  <Paper key={m.id} withBorder p="sm" radius="sm">
                    <Stack gap="xs">
                      <Radio.Group
                        label={m.title}
                        value={o.outcome ?? ''}
                        error={
                          err(`outcomes.${m.id}.outcome`) ??
                          (problems.outcomes && !o.outcome
                            ? t('sprintReview.outcomeMissing')
                            : undefined)
                        }
                        onChange={(v) =>
                          update((s) => ({
                            ...s,
                            outcomes: {
                              ...s.outcomes,
                              [m.id]: {
                                ...s.outcomes[m.id],
                                outcome: v as (typeof OUTCOMES)[number],
                              },
                            },
                          }))
                        }
                      >
                        <Group mt={4}>
                          {OUTCOMES.map((x) => (
                            <Radio key={x} value={x} label={t(`sprintReview.outcome.${x}`)} />
                          ))}
                        </Group>
                      </Radio.Group>
                      <Textarea
                        label={t('sprintReview.outcomeNote', { milestone: m.title })}
                        autosize
                        minRows={1}
                        value={o.note}
                        error={err(`outcomes.${m.id}.note`)}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          update((s) => ({
                            ...s,
                            outcomes: { ...s.outcomes, [m.id]: { ...s.outcomes[m.id], note: v } },
                          }));
                        }}
                      />
                    </Stack>
                  </Paper>
                );
              })}
            </Section>

            <Section title={t('sprintReview.spendTitle')} description={t('sprintReview.spendHint')}>
              {sectionProblems('spend')}
              {grant.budgetLines.map((l) => (
                <Group key={l.id} align="flex-start" grow>
                  <MoneyInput
                    label={t('sprintReview.spendOn', { line: l.name })}
                    currency={grant.currency}
                    locale={locale}
                    value={values.spend[l.id].amount}
                    error={err(`spend.${l.id}.amount.amount`) ?? err(`spend.${l.id}.amount`)}
                    onChange={(minor) =>
                      update((s) => ({
                        ...s,
                        spend: { ...s.spend, [l.id]: { ...s.spend[l.id], amount: minor } },
                      }))
                    }
                  />
                  <TextInput
                    label={t('sprintReview.explanation', { line: l.name })}
                    description={t('sprintReview.explanationHint')}
                    value={values.spend[l.id].explanation}
                    error={err(`spend.${l.id}.explanation`)}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      update((s) => ({
                        ...s,
                        spend: { ...s.spend, [l.id]: { ...s.spend[l.id], explanation: v } },
                      }));
                    }}
                  />
                </Group>
              ))}
            </Section>

            {template.length > 0 && (
              <Section title={t('sprintReview.questionsTitle')}>
                {template.some((q) => q.required && !sent(q.key)) && sectionProblems('answers')}
                {template.map((q) => {
                  const label = language === 'de' ? q.labelDe : q.labelEn;
                  const a = values.answers[q.key];
                  const set = (patch: Partial<typeof a>) =>
                    update((s) => ({
                      ...s,
                      answers: { ...s.answers, [q.key]: { ...s.answers[q.key], ...patch } },
                    }));
                  const error =
                    err(`answers.${q.key}.text`) ??
                    err(`answers.${q.key}.number`) ??
                    err(`answers.${q.key}.choice`) ??
                    err(`answers.${q.key}.key`) ??
                    (problems.answers && q.required && !sent(q.key)
                      ? t('sprintReview.answerMissing')
                      : undefined);
                  if (q.type === 'TEXT')
                    return (
                      <Textarea
                        key={q.key}
                        label={label}
                        required={q.required}
                        autosize
                        minRows={2}
                        value={a.text}
                        error={error}
                        onChange={(e) => set({ text: e.currentTarget.value })}
                      />
                    );
                  if (q.type === 'NUMBER')
                    return (
                      <NumberInput
                        key={q.key}
                        label={label}
                        required={q.required}
                        allowDecimal={false}
                        min={q.min ?? undefined}
                        max={q.max ?? undefined}
                        value={a.number ?? ''}
                        error={error}
                        maw={240}
                        onChange={(v) =>
                          set({
                            number:
                              typeof v === 'number'
                                ? v
                                : v === ''
                                  ? null
                                  : Number.parseInt(v, 10) || null,
                          })
                        }
                      />
                    );
                  if (q.type === 'SCALE')
                    return (
                      <Radio.Group
                        key={q.key}
                        label={label}
                        description={t('sprintReview.scaleHint')}
                        required={q.required}
                        value={a.number === null ? '' : String(a.number)}
                        error={error}
                        onChange={(v) => set({ number: Number(v) })}
                      >
                        <Group mt={4}>
                          {[1, 2, 3, 4, 5].map((n) => (
                            <Radio key={n} value={String(n)} label={String(n)} />
                          ))}
                        </Group>
                      </Radio.Group>
                    );
                  return (
                    <Select
                      key={q.key}
                      label={label}
                      required={q.required}
                      data={q.options ?? []}
                      value={a.choice}
                      error={error}
                      onChange={(v) => set({ choice: v })}
                      maw={360}
                    />
                  );
                })}
              </Section>
            )}

            <Section
              title={t('sprintReview.learningsTitle')}
              description={t('sprintReview.learningsHint')}
            >
              {sectionProblems('learnings')}
              {values.learnings.map((l, i) => {
                const set = (patch: Partial<typeof l>) =>
                  update((s) => ({
                    ...s,
                    learnings: s.learnings.map((x, j) => (j === i ? { ...x, ...patch } : x)),
                  }));
                return (
                  <Paper
                    key={i}
                    withBorder
                    p="sm"
                    radius="sm"
                    component="fieldset"
                    aria-label={t('sprintReview.learningN', { number: i + 1 })}
                  >
                    <Stack gap="xs">
                      <Group justify="space-between">
                        <Title order={3} size="h5">
                          {t('sprintReview.learningN', { number: i + 1 })}
                        </Title>
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          onClick={() =>
                            update((s) => ({
                              ...s,
                              learnings: s.learnings.filter((_, j) => j !== i),
                            }))
                          }
                        >
                          {t('sprintReview.removeLearning', { number: i + 1 })}
                        </Button>
                      </Group>
                      <Radio.Group
                        label={t('sprintReview.kind')}
                        value={l.kind}
                        onChange={(v) => set({ kind: v })}
                        error={err(`learnings.${i}.kind`)}
                      >
                        <Group mt={4}>
                          {KINDS.map((k) => (
                            <Radio key={k} value={k} label={t(`grant.learningKind.${k}`)} />
                          ))}
                        </Group>
                      </Radio.Group>
                      <TextInput
                        label={t('sprintReview.learningTitle')}
                        required
                        value={l.title}
                        error={err(`learnings.${i}.title`)}
                        onChange={(e) => set({ title: e.currentTarget.value })}
                      />
                      <Textarea
                        label={t('grant.learnings.tried')}
                        required
                        autosize
                        minRows={2}
                        value={l.tried}
                        error={err(`learnings.${i}.tried`)}
                        onChange={(e) => set({ tried: e.currentTarget.value })}
                      />
                      <Textarea
                        label={t('grant.learnings.happened')}
                        required
                        autosize
                        minRows={2}
                        value={l.happened}
                        error={err(`learnings.${i}.happened`)}
                        onChange={(e) => set({ happened: e.currentTarget.value })}
                      />
                      <Textarea
                        label={t('grant.learnings.learned')}
                        required
                        autosize
                        minRows={2}
                        value={l.learned}
                        error={err(`learnings.${i}.learned`)}
                        onChange={(e) => set({ learned: e.currentTarget.value })}
                      />
                      <Group grow align="flex-start">
                        <LearningTagsInput
                          label={t('sprintReview.tags')}
                          description={t('sprintReview.tagsHint')}
                          value={l.tags}
                          error={err(`learnings.${i}.tags`)}
                          onChange={(tags) => set({ tags })}
                        />
                        <Select
                          label={t('sprintReview.visibility')}
                          data={(['GRANT', 'PROGRAMME', 'PUBLIC'] as const).map((v) => ({
                            value: v,
                            label: t(`grant.visibility.${v}`),
                          }))}
                          value={l.visibility ?? grant.programme.learningVisibilityDefault}
                          allowDeselect={false}
                          onChange={(v) => set({ visibility: v })}
                        />
                      </Group>
                      <SimilarLearnings text={[l.title, l.tried, l.learned].join(' ')} />
                    </Stack>
                  </Paper>
                );
              })}
              <Group>
                <Button
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() =>
                    update((s) => ({ ...s, learnings: [...s.learnings, emptyLearning()] }))
                  }
                >
                  {t('sprintReview.addLearning')}
                </Button>
              </Group>
            </Section>

            {next && plan && change && (
              <Section
                title={t('sprintReview.planTitle', { number: next.number })}
                description={t('sprintReview.planHint')}
              >
                {sectionProblems('nextSprint')}
                <Textarea
                  label={t('sprintReview.goal')}
                  autosize
                  minRows={2}
                  value={values.nextGoal}
                  error={err('nextSprint.goal')}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    update((s) => ({ ...s, nextGoal: v }));
                  }}
                />
                <Stack gap="xs">
                  {values.nextMilestones.map((m, i) => (
                    <Group key={i} align="flex-end">
                      <TextInput
                        style={{ flex: 1 }}
                        label={t('sprintReview.milestoneN', { number: i + 1 })}
                        value={m}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          update((s) => ({
                            ...s,
                            nextMilestones: s.nextMilestones.map((x, j) => (j === i ? v : x)),
                          }));
                        }}
                      />
                      <Button
                        variant="subtle"
                        color="red"
                        aria-label={t('sprintReview.removeMilestone', { number: i + 1 })}
                        onClick={() =>
                          update((s) => ({
                            ...s,
                            nextMilestones: s.nextMilestones.filter((_, j) => j !== i),
                          }))
                        }
                      >
                        <IconTrash size={16} aria-hidden />
                      </Button>
                    </Group>
                  ))}
                  {problems['nextSprint.milestones'] && (
                    <Text c="red" size="sm" role="alert">
                      {problems['nextSprint.milestones'].join(' ')}
                    </Text>
                  )}
                  <Group>
                    <Button
                      variant="light"
                      leftSection={<IconPlus size={14} aria-hidden />}
                      onClick={() =>
                        update((s) => ({ ...s, nextMilestones: [...s.nextMilestones, ''] }))
                      }
                    >
                      {t('sprintReview.addMilestone')}
                    </Button>
                  </Group>
                </Stack>
                <PlanDiffView before={plan} change={change} goalAfter={values.nextGoal} />
              </Section>
            )}

            <Section title={t('sprintReview.confidenceTitle')}>
              <Radio.Group
                label={t('sprintReview.confidence')}
                value={values.confidence ?? ''}
                error={
                  problems.confidence && !values.confidence
                    ? t('sprintReview.confidenceMissing')
                    : undefined
                }
                onChange={(v) =>
                  update((s) => ({ ...s, confidence: v as (typeof CONFIDENCES)[number] }))
                }
              >
                <Group mt={4}>
                  {CONFIDENCES.map((c) => (
                    <Radio key={c} value={c} label={t(`sprintReview.confidenceLevel.${c}`)} />
                  ))}
                </Group>
              </Radio.Group>
              <TextInput
                label={t('sprintReview.confidenceNote')}
                value={values.confidenceNote}
                error={values.confidenceNote.trim() ? undefined : err('confidenceNote')}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  update((s) => ({ ...s, confidenceNote: v }));
                }}
              />
            </Section>

            <Group justify="space-between">
              <Text
                size="sm"
                c={save.state === 'failed' ? 'red' : 'dimmed'}
                role="status"
                aria-live="polite"
                data-testid="save-state"
              >
                {save.state === 'saving'
                  ? t('sprintReview.saving')
                  : save.state === 'saved' && save.at
                    ? t('sprintReview.savedAt', { time: formatDateTime(save.at, locale) })
                    : save.state === 'failed'
                      ? t('sprintReview.saveFailed', { message: save.message })
                      : t('sprintReview.autosave')}
              </Text>
              <Button type="submit" loading={submitting}>
                {changesRequested ? t('sprintReview.resubmit') : t('sprintReview.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      {(changesRequested || !!review?.comments.nodes.length) && review && (
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Section title={t('reviewDecision.threadTitle')}>
              <CommentThread grant={grant} review={review} />
            </Section>
          </div>
        </Grid.Col>
      )}
    </Grid>
  );
}

export function PlanDiffView({
  before,
  change,
  goalAfter,
}: {
  before: { goal: string; milestones: string[] };
  change: ReturnType<typeof planChange>;
  goalAfter: string;
}) {
  const { t } = useTranslation();
  if (!change.changed)
    return (
      <Text size="sm" c="dimmed" data-testid="plan-diff">
        {t('sprintReview.planUnchanged')}
      </Text>
    );
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="plan-diff" bg="gray.0">
      <Stack gap={6}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {t('sprintReview.planChanges')}
          </Text>
          {change.goalChanged && (
            <Badge color="grape" data-testid="pivot">
              {t('sprintReview.pivot')}
            </Badge>
          )}
        </Group>
        {change.goalChanged && (
          <>
            <Text size="sm" c="red.9">
              <span aria-hidden>− </span>
              {t('sprintReview.goalBefore', { goal: before.goal })}
            </Text>
            <Text size="sm" c="teal.9">
              <span aria-hidden>+ </span>
              {t('sprintReview.goalAfter', { goal: goalAfter.trim() })}
            </Text>
          </>
        )}
        {change.removed.map((m) => (
          <Text key={`-${m}`} size="sm" c="red.9">
            <span aria-hidden>− </span>
            {t('sprintReview.milestoneRemoved', { milestone: m })}
          </Text>
        ))}
        {change.added.map((m) => (
          <Text key={`+${m}`} size="sm" c="teal.9">
            <span aria-hidden>+ </span>
            {t('sprintReview.milestoneAdded', { milestone: m })}
          </Text>
        ))}
        {change.kept.map((m) => (
          <Text key={`=${m}`} size="sm" c="dimmed">
            {t('sprintReview.milestoneKept', { milestone: m })}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
