// The application as the team writes it: project texts, the requested amount, budget lines with
// their running sum against the request, and the first sprint plan. Every change is saved to the
// API's draft as the team types; "submit" shows each problem the API lists at its field.
import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../lib/client';
import { applyApiError } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/dates';
import { currentLanguage, formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import type { ResultOf } from '../../lib/graphql';
import { ConfirmButton } from '../../ui/confirm-button';
import { FormAlert } from '../../ui/form-alert';
import { MoneyInput } from '../../ui/money-input';
import { Section } from '../../ui/section';
import { errorText } from '../../ui/states';
import { useAutosave } from './autosave';
import {
  type ApplicationQuery,
  SaveApplicationDraftMutation,
  SubmitApplicationMutation,
  WithdrawApplicationMutation,
} from './operations';

type Application = NonNullable<ResultOf<typeof ApplicationQuery>['application']>;

export const BUDGET_CATEGORIES = [
  'PERSONNEL',
  'MATERIAL',
  'TRAVEL',
  'SUBCONTRACTING',
  'OVERHEAD',
  'OTHER',
] as const;
type Category = (typeof BUDGET_CATEGORIES)[number];

interface LineValue {
  key: string;
  category: Category;
  name: string;
  amount: number | null;
}
interface SprintValue {
  key: string;
  goal: string;
  milestones: string;
}
export interface DraftValues {
  title: string;
  summary: string;
  problem: string;
  approach: string;
  contactName: string;
  contactEmail: string;
  requestedAmount: number | null;
  budgetLines: LineValue[];
  sprintPlan: SprintValue[];
}

function initialValues(a: Application): DraftValues {
  return {
    title: a.title,
    summary: a.summary,
    problem: a.problem,
    approach: a.approach,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    requestedAmount: a.requestedAmount?.amount ?? null,
    budgetLines: a.budgetLines.map((l) => ({
      key: randomId(),
      category: l.category,
      name: l.name,
      // An amount not typed yet is kept as 0 by the API; show the field empty again.
      amount: l.amount.amount === 0 ? null : l.amount.amount,
    })),
    sprintPlan: a.sprintPlan.map((s) => ({
      key: randomId(),
      goal: s.goal,
      milestones: s.milestones.join('\n'),
    })),
  };
}

function toInput(values: DraftValues, id: string, currency: string) {
  return {
    applicationId: id,
    title: values.title,
    summary: values.summary,
    problem: values.problem,
    approach: values.approach,
    contactName: values.contactName,
    contactEmail: values.contactEmail,
    requestedAmount:
      values.requestedAmount === null ? undefined : { amount: values.requestedAmount, currency },
    budgetLines: values.budgetLines.map((l) => ({
      category: l.category,
      name: l.name,
      amount: { amount: l.amount ?? 0, currency },
    })),
    sprintPlan: values.sprintPlan.map((s) => ({
      goal: s.goal,
      milestones: s.milestones
        .split('\n')
        .map((m) => m.trim())
        .filter(Boolean),
    })),
  };
}

/** The form field an API problem belongs to: amounts are one field here, not amount + currency. */
function formPath(field: string): string {
  return field
    .replace(/^input\./, '')
    .replace(/\.amount\.(amount|currency)$/, '.amount')
    .replace(/^requestedAmount\.(amount|currency)$/, 'requestedAmount');
}

export function DraftForm({ application }: { application: Application }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const currency = application.currency ?? application.programme.currency;
  const client = useQueryClient();
  const [topError, setTopError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [focusProblem, setFocusProblem] = useState(0);
  // Runs after the render that marked the fields, so the first marked one is there to focus.
  useEffect(() => {
    if (focusProblem) document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  }, [focusProblem]);

  const form = useForm<DraftValues>({
    mode: 'controlled',
    initialValues: initialValues(application),
    onValuesChange: () => autosave.changed(),
  });

  const showProblems = (error: unknown): number => {
    const fields = error instanceof ApiError ? error.fields : [];
    const fieldMap = Object.fromEntries(
      fields.map((f) => [f.field.replace(/^input\./, ''), formPath(f.field)]),
    );
    const top = applyApiError(form, error, currentLanguage(), errorText(error, t), fieldMap);
    setTopError(
      top ?? (fields.length ? t('draft.problemsAtFields', { count: fields.length }) : null),
    );
    // Keyboard and screen-reader users land on the first field that needs them (once the
    // problems are on the page: see the effect below).
    setFocusProblem((n) => n + 1);
    return fields.length;
  };

  const getValues = useCallback(() => form.getValues(), [form]);
  const autosave = useAutosave(getValues, async (values) => {
    try {
      await request(SaveApplicationDraftMutation, {
        input: toInput(values, application.id, currency),
      });
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) showProblems(error);
      throw error;
    }
  });

  const values = form.getValues();
  const sum = values.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0);
  const requested = values.requestedAmount;
  const money = (minor: number) => formatMoney(minor, currency, locale);

  const submit = async () => {
    setTopError(null);
    setSubmitting(true);
    try {
      if (!(await autosave.flush())) {
        setTopError(t('draft.notSavedBeforeSubmit'));
        return;
      }
      await request(SubmitApplicationMutation, { applicationId: application.id });
      await client.invalidateQueries({ queryKey: ['application', application.id] });
      await client.invalidateQueries({ queryKey: ['applications'] });
    } catch (error) {
      showProblems(error);
    } finally {
      setSubmitting(false);
    }
  };

  const withdraw = async () => {
    try {
      await request(WithdrawApplicationMutation, { applicationId: application.id });
      await client.invalidateQueries({ queryKey: ['application', application.id] });
      await client.invalidateQueries({ queryKey: ['applications'] });
    } catch (error) {
      setTopError(errorText(error, t));
    }
  };

  const listError = (path: string) =>
    form.errors[path] ? (
      <Text c="red.9" size="sm" role="alert" data-field={path}>
        {form.errors[path]}
      </Text>
    ) : null;

  return (
    <form
      noValidate
      aria-label={t('draft.formLabel')}
      // Mantine's default error red (red.6) is too light on white for WCAG AA; a darker shade.
      style={{ ['--mantine-color-error' as string]: 'var(--mantine-color-red-9)' }}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="lg">
        <SaveStatus
          state={autosave.state}
          savedAt={autosave.savedAt}
          error={autosave.error}
          onRetry={() => void autosave.flush()}
        />
        <FormAlert message={topError} />

        <Section title={t('draft.project')} description={t('draft.projectHint')}>
          <TextInput
            label={t('draft.fields.title')}
            required
            maxLength={200}
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('draft.fields.summary')}
            description={t('draft.fields.summaryHint')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('summary')}
          />
          <Textarea
            label={t('draft.fields.problem')}
            description={t('draft.fields.problemHint')}
            required
            autosize
            minRows={3}
            {...form.getInputProps('problem')}
          />
          <Textarea
            label={t('draft.fields.approach')}
            description={t('draft.fields.approachHint')}
            required
            autosize
            minRows={3}
            {...form.getInputProps('approach')}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('draft.fields.contactName')}
              required
              autoComplete="name"
              {...form.getInputProps('contactName')}
            />
            <TextInput
              label={t('draft.fields.contactEmail')}
              required
              type="email"
              autoComplete="email"
              {...form.getInputProps('contactEmail')}
            />
          </Group>
        </Section>

        <Section title={t('draft.money')} description={t('draft.moneyHint', { currency })}>
          <MoneyInput
            label={t('draft.fields.requestedAmount')}
            required
            maw={280}
            currency={currency}
            locale={locale}
            value={values.requestedAmount}
            onChange={(minor) => form.setFieldValue('requestedAmount', minor)}
            error={form.errors.requestedAmount as string | undefined}
          />
          <Stack gap="sm">
            {values.budgetLines.map((line, i) => (
              <Fieldset
                key={line.key}
                legend={t('draft.lineLegend', { number: i + 1 })}
                variant="filled"
              >
                <Group align="flex-start" wrap="wrap">
                  <Select
                    label={t('draft.fields.category')}
                    allowDeselect={false}
                    w={200}
                    data={BUDGET_CATEGORIES.map((c) => ({
                      value: c,
                      label: t(`draft.category.${c}`),
                    }))}
                    {...form.getInputProps(`budgetLines.${i}.category`)}
                  />
                  <TextInput
                    label={t('draft.fields.lineName')}
                    style={{ flex: 1, minWidth: 200 }}
                    maxLength={200}
                    {...form.getInputProps(`budgetLines.${i}.name`)}
                  />
                  <MoneyInput
                    label={t('draft.fields.lineAmount')}
                    w={200}
                    currency={currency}
                    locale={locale}
                    value={line.amount}
                    onChange={(minor) => form.setFieldValue(`budgetLines.${i}.amount`, minor)}
                    error={form.errors[`budgetLines.${i}.amount`] as string | undefined}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={28}
                    aria-label={t('draft.removeLine', { number: i + 1 })}
                    onClick={() => form.removeListItem('budgetLines', i)}
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Group>
              </Fieldset>
            ))}
            {listError('budgetLines')}
            <Group justify="space-between" align="center">
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() =>
                  form.insertListItem('budgetLines', {
                    key: randomId(),
                    category: 'PERSONNEL',
                    name: '',
                    amount: null,
                  })
                }
              >
                {t('draft.addLine')}
              </Button>
              <RunningSum sum={sum} requested={requested} money={money} />
            </Group>
          </Stack>
        </Section>

        <Section
          title={t('draft.sprints')}
          description={t('draft.sprintsHint', {
            count: application.programme.maxSprints,
            days: application.programme.sprintLengthDays,
          })}
        >
          {values.sprintPlan.map((sprint, i) => (
            <Fieldset key={sprint.key} legend={t('draft.sprintLegend', { number: i + 1 })}>
              <Stack gap="sm">
                <Textarea
                  label={t('draft.fields.goal')}
                  description={t('draft.fields.goalHint')}
                  autosize
                  minRows={2}
                  maxLength={2000}
                  {...form.getInputProps(`sprintPlan.${i}.goal`)}
                />
                <Textarea
                  label={t('draft.fields.milestones')}
                  description={t('draft.fields.milestonesHint')}
                  autosize
                  minRows={2}
                  {...form.getInputProps(`sprintPlan.${i}.milestones`)}
                />
                <Group justify="flex-end">
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    leftSection={<IconTrash size={14} aria-hidden />}
                    onClick={() => form.removeListItem('sprintPlan', i)}
                  >
                    {t('draft.removeSprint', { number: i + 1 })}
                  </Button>
                </Group>
              </Stack>
            </Fieldset>
          ))}
          {listError('sprintPlan')}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={values.sprintPlan.length >= application.programme.maxSprints}
              onClick={() =>
                form.insertListItem('sprintPlan', { key: randomId(), goal: '', milestones: '' })
              }
            >
              {t('draft.addSprint')}
            </Button>
          </Group>
        </Section>

        <Group justify="space-between">
          <ConfirmButton
            variant="default"
            color="red"
            title={t('applications.withdrawTitle')}
            message={t('applications.withdrawMessage')}
            confirmLabel={t('applications.withdraw')}
            onConfirm={withdraw}
          >
            {t('applications.withdraw')}
          </ConfirmButton>
          <Button type="submit" loading={submitting}>
            {application.status === 'INFO_REQUESTED' ? t('draft.resubmit') : t('draft.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RunningSum({
  sum,
  requested,
  money,
}: {
  sum: number;
  requested: number | null;
  money: (minor: number) => string;
}) {
  const { t } = useTranslation();
  const difference = requested === null ? null : requested - sum;
  return (
    <Stack gap={0} align="flex-end" aria-live="polite" data-testid="running-sum">
      <Text fw={600}>
        {requested === null
          ? t('draft.sumNoRequest', { sum: money(sum) })
          : t('draft.sumOfRequest', { sum: money(sum), requested: money(requested) })}
      </Text>
      {difference !== null && difference !== 0 && (
        <Text size="sm" c="red.9">
          {difference > 0
            ? t('draft.sumMissing', { amount: money(difference) })
            : t('draft.sumOver', { amount: money(-difference) })}
        </Text>
      )}
      {difference === 0 && (
        <Text size="sm" c="teal.9">
          {t('draft.sumMatches')}
        </Text>
      )}
    </Stack>
  );
}

function SaveStatus({
  state,
  savedAt,
  error,
  onRetry,
}: {
  state: string;
  savedAt: Date | null;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  if (state === 'failed')
    return (
      <Alert color="red" role="alert" title={t('draft.saveFailed')}>
        <Group justify="space-between">
          <Text size="sm">{errorText(error, t)}</Text>
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.tryAgain')}
          </Button>
        </Group>
      </Alert>
    );
  const text =
    state === 'pending' || state === 'saving'
      ? t('draft.saving')
      : state === 'saved' && savedAt
        ? t('draft.savedAt', {
            time: formatDateTime(savedAt.toISOString(), formattingLocale()),
          })
        : t('draft.autosaveHint');
  return (
    <Text size="sm" c="dimmed" role="status" data-save-state={state}>
      {text}
    </Text>
  );
}
