// The programme editor: every setting the API has, grouped the way a first-time manager thinks
// about them — basics, the agile frame, what applications are scored on, what every sprint
// review answers, how money may move and is paid out, reminders and learnings. The same form
// creates a programme and edits one; the API's problems show at their fields.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf, VariablesOf } from '../../lib/graphql';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { useFormSubmit } from '../../lib/use-form-submit';
import { FormAlert } from '../../ui/form-alert';
import { MoneyInput } from '../../ui/money-input';
import { Section } from '../../ui/section';
import { keyFrom } from './keys';
import type { CreateProgrammeMutation, ProgrammeSettingsFragment } from './operations';
import { tranchePreview } from './tranche-preview';

export type ProgrammeSettings = ResultOf<typeof ProgrammeSettingsFragment>;
export type ProgrammeInput = VariablesOf<typeof CreateProgrammeMutation>['input'];
type QuestionType = ProgrammeSettings['reviewTemplate'][number]['type'];
type Visibility = ProgrammeSettings['learningVisibilityDefault'];
type ReceiptRule = ProgrammeSettings['receiptRule'];

const CURRENCIES = ['EUR', 'CHF', 'GBP', 'USD'];
const QUESTION_TYPES: QuestionType[] = ['TEXT', 'NUMBER', 'SCALE', 'SINGLE_CHOICE'];
const VISIBILITIES: Visibility[] = ['GRANT', 'PROGRAMME', 'PUBLIC'];
const RECEIPT_RULES: ReceiptRule[] = ['LISTED', 'ATTACHED'];

interface CriterionValues {
  key: string;
  name: string;
  weight: number;
}
interface QuestionValues {
  key: string;
  labelDe: string;
  labelEn: string;
  type: QuestionType;
  required: boolean;
  options: string;
  min: number | string;
  max: number | string;
}
export interface ProgrammeFormValues extends Record<string, unknown> {
  title: string;
  description: string;
  currency: string;
  totalBudget: number | null;
  timeZone: string;
  callOpensAt: string;
  callClosesAt: string;
  sprintLengthDays: number | string;
  maxSprints: number | string;
  criteria: CriterionValues[];
  reviewTemplate: QuestionValues[];
  reallocationPolicy: {
    tolerancePercent: number | string;
    approvalBeyondTolerance: boolean;
    absoluteCapMinor: number | null;
  };
  tranchePolicy: {
    awardSharePercent: number | string;
    releaseOnAcceptedReview: boolean;
    finalHoldbackPercent: number | string;
  };
  reminderPolicy: {
    daysBeforeDue: string;
    daysAfterDue: string;
    decisionWaitDays: number | string;
  };
  learningVisibilityDefault: Visibility;
  receiptRule: ReceiptRule;
}

/** An instant as the value of a datetime-local field, in the browser's time zone. */
function toLocalInput(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : undefined);
const int = (v: number | string) => (typeof v === 'number' ? v : Number.parseInt(v, 10));
const days = (text: string) =>
  text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((d) => Number.parseInt(d, 10));

export function initialValues(p?: ProgrammeSettings): ProgrammeFormValues {
  return {
    title: p?.title ?? '',
    description: p?.description ?? '',
    currency: p?.currency ?? 'EUR',
    totalBudget: p?.totalBudget.amount ?? null,
    timeZone: p?.timeZone ?? 'Europe/Berlin',
    callOpensAt: toLocalInput(p?.callOpensAt),
    callClosesAt: toLocalInput(p?.callClosesAt),
    sprintLengthDays: p?.sprintLengthDays ?? 42,
    maxSprints: p?.maxSprints ?? 6,
    criteria: p?.criteria.map((c) => ({ ...c })) ?? [],
    reviewTemplate:
      p?.reviewTemplate.map((q) => ({
        key: q.key,
        labelDe: q.labelDe,
        labelEn: q.labelEn,
        type: q.type,
        required: q.required,
        options: (q.options ?? []).join(', '),
        min: q.min ?? '',
        max: q.max ?? '',
      })) ?? [],
    reallocationPolicy: {
      tolerancePercent: p?.reallocationPolicy.tolerancePercent ?? 20,
      approvalBeyondTolerance: p?.reallocationPolicy.approvalBeyondTolerance ?? true,
      absoluteCapMinor: p?.reallocationPolicy.absoluteCapMinor ?? null,
    },
    tranchePolicy: {
      awardSharePercent: p?.tranchePolicy.awardSharePercent ?? 30,
      releaseOnAcceptedReview: p?.tranchePolicy.releaseOnAcceptedReview ?? true,
      finalHoldbackPercent: p?.tranchePolicy.finalHoldbackPercent ?? 10,
    },
    reminderPolicy: {
      daysBeforeDue: (p?.reminderPolicy.daysBeforeDue ?? [7, 2]).join(', '),
      daysAfterDue: (p?.reminderPolicy.daysAfterDue ?? [1, 7]).join(', '),
      decisionWaitDays: p?.reminderPolicy.decisionWaitDays ?? 10,
    },
    learningVisibilityDefault: p?.learningVisibilityDefault ?? 'GRANT',
    receiptRule: p?.receiptRule ?? 'LISTED',
  };
}

/** The form's values as the API's ProgrammeInput. */
export function toInput(v: ProgrammeFormValues, withCurrency: boolean): ProgrammeInput {
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    ...(withCurrency ? { currency: v.currency } : {}),
    ...(v.totalBudget !== null ? { totalBudget: v.totalBudget } : {}),
    timeZone: v.timeZone.trim(),
    callOpensAt: fromLocalInput(v.callOpensAt),
    callClosesAt: fromLocalInput(v.callClosesAt),
    sprintLengthDays: int(v.sprintLengthDays),
    maxSprints: int(v.maxSprints),
    criteria: v.criteria.map((c) => ({ key: c.key, name: c.name.trim(), weight: int(c.weight) })),
    reviewTemplate: v.reviewTemplate.map((q) => ({
      key: q.key,
      labelDe: q.labelDe.trim(),
      labelEn: q.labelEn.trim(),
      type: q.type,
      required: q.required,
      ...(q.type === 'SINGLE_CHOICE'
        ? {
            options: q.options
              .split(',')
              .map((o) => o.trim())
              .filter(Boolean),
          }
        : {}),
      ...(q.type === 'NUMBER' && q.min !== '' ? { min: int(q.min) } : {}),
      ...(q.type === 'NUMBER' && q.max !== '' ? { max: int(q.max) } : {}),
    })),
    reallocationPolicy: {
      tolerancePercent: int(v.reallocationPolicy.tolerancePercent),
      approvalBeyondTolerance: v.reallocationPolicy.approvalBeyondTolerance,
      absoluteCapMinor: v.reallocationPolicy.absoluteCapMinor,
    },
    tranchePolicy: {
      awardSharePercent: int(v.tranchePolicy.awardSharePercent),
      releaseOnAcceptedReview: v.tranchePolicy.releaseOnAcceptedReview,
      finalHoldbackPercent: int(v.tranchePolicy.finalHoldbackPercent),
    },
    reminderPolicy: {
      daysBeforeDue: days(v.reminderPolicy.daysBeforeDue),
      daysAfterDue: days(v.reminderPolicy.daysAfterDue),
      decisionWaitDays: int(v.reminderPolicy.decisionWaitDays),
    },
    learningVisibilityDefault: v.learningVisibilityDefault,
    receiptRule: v.receiptRule,
  };
}

export function ProgrammeForm({
  programme,
  submitLabel,
  onSubmit,
}: {
  programme?: ProgrammeSettings;
  submitLabel: string;
  onSubmit: (values: ProgrammeFormValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const requiredNumber = (v: number | string) =>
    v === '' || Number.isNaN(Number(v)) ? t('validation.required') : null;
  const form = useForm<ProgrammeFormValues>({
    mode: 'controlled',
    initialValues: initialValues(programme),
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      totalBudget: (v) => (v === null ? t('money.empty') : null),
      // Whole numbers the API needs: an emptied field is named here, before anything is sent.
      sprintLengthDays: requiredNumber,
      maxSprints: requiredNumber,
      reallocationPolicy: { tolerancePercent: requiredNumber },
      tranchePolicy: { awardSharePercent: requiredNumber, finalHoldbackPercent: requiredNumber },
      reminderPolicy: { decisionWaitDays: requiredNumber },
      criteria: {
        name: (v) => (v.trim() ? null : t('validation.required')),
        weight: requiredNumber,
      },
      reviewTemplate: {
        labelDe: (v) => (v.trim() ? null : t('validation.required')),
        labelEn: (v) => (v.trim() ? null : t('validation.required')),
      },
    },
  });
  const { onSubmit: submit, topError, submitting } = useFormSubmit(form, onSubmit);
  const v = form.getValues();
  const currencyFixed = !!programme && programme.status !== 'DRAFT';

  const addCriterion = () =>
    form.insertListItem('criteria', {
      key: keyFrom(
        '',
        v.criteria.map((c) => c.key),
        'criterion',
      ),
      name: '',
      weight: 1,
    });
  const addQuestion = () =>
    form.insertListItem('reviewTemplate', {
      key: keyFrom(
        '',
        v.reviewTemplate.map((q) => q.key),
        'question',
      ),
      labelDe: '',
      labelEn: '',
      type: 'TEXT',
      required: true,
      options: '',
      min: '',
      max: '',
    });
  // New rows get their key from their name; keys of saved rows stay as they are.
  const savedCriteria = new Set(programme?.criteria.map((c) => c.key));
  const savedQuestions = new Set(programme?.reviewTemplate.map((q) => q.key));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <FormAlert message={topError} />
        <Section title={t('programmeEditor.basics')} description={t('programmeEditor.basicsHint')}>
          <Stack maw={720}>
            <TextInput
              label={t('programmeEditor.title')}
              required
              {...form.getInputProps('title')}
            />
            <Textarea
              label={t('programmeEditor.description')}
              description={t('programmeEditor.descriptionHint')}
              autosize
              minRows={3}
              {...form.getInputProps('description')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('programmeEditor.currency')}
                description={
                  currencyFixed
                    ? t('programmeEditor.currencyFixed')
                    : t('programmeEditor.currencyHint')
                }
                data={CURRENCIES}
                allowDeselect={false}
                disabled={currencyFixed}
                {...form.getInputProps('currency')}
              />
              <MoneyInput
                label={t('programmeEditor.totalBudget')}
                required
                currency={v.currency}
                locale={locale}
                value={v.totalBudget}
                onChange={(minor) => form.setFieldValue('totalBudget', minor)}
                error={form.errors.totalBudget as string | undefined}
              />
              <TextInput
                type="datetime-local"
                label={t('programmeEditor.callOpensAt')}
                {...form.getInputProps('callOpensAt')}
              />
              <TextInput
                type="datetime-local"
                label={t('programmeEditor.callClosesAt')}
                {...form.getInputProps('callClosesAt')}
              />
              <TextInput
                label={t('programmeEditor.timeZone')}
                description={t('programmeEditor.timeZoneHint')}
                {...form.getInputProps('timeZone')}
              />
            </SimpleGrid>
          </Stack>
        </Section>

        <Section title={t('programmeEditor.agile')} description={t('programmeEditor.agileHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
            <NumberInput
              label={t('programmeEditor.sprintLengthDays')}
              description={t('programmeEditor.sprintLengthHint')}
              min={7}
              max={180}
              allowDecimal={false}
              {...form.getInputProps('sprintLengthDays')}
            />
            <NumberInput
              label={t('programmeEditor.maxSprints')}
              description={t('programmeEditor.maxSprintsHint')}
              min={1}
              max={24}
              allowDecimal={false}
              {...form.getInputProps('maxSprints')}
            />
          </SimpleGrid>
        </Section>

        <Section
          title={t('programmeEditor.criteria')}
          description={t('programmeEditor.criteriaHint')}
        >
          <Stack>
            {v.criteria.map((c, i) => (
              <Group key={i} align="flex-end" wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  label={t('programmeEditor.criterionName', { number: i + 1 })}
                  required
                  {...form.getInputProps(`criteria.${i}.name`)}
                  onChange={(event) => {
                    const name = event.currentTarget.value;
                    form.setFieldValue(`criteria.${i}.name`, name);
                    if (!savedCriteria.has(c.key))
                      form.setFieldValue(
                        `criteria.${i}.key`,
                        keyFrom(
                          name,
                          v.criteria.filter((_, j) => j !== i).map((x) => x.key),
                          'criterion',
                        ),
                      );
                  }}
                />
                <NumberInput
                  w={140}
                  label={t('programmeEditor.criterionWeight', { number: i + 1 })}
                  min={1}
                  max={100}
                  allowDecimal={false}
                  {...form.getInputProps(`criteria.${i}.weight`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mb={4}
                  aria-label={t('programmeEditor.removeCriterion', { number: i + 1 })}
                  onClick={() => form.removeListItem('criteria', i)}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {form.errors.criteria && (
              <Text c="red" size="sm" role="alert">
                {form.errors.criteria}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={addCriterion}
              >
                {t('programmeEditor.addCriterion')}
              </Button>
            </Group>
          </Stack>
        </Section>

        <Section
          title={t('programmeEditor.reviewTemplate')}
          description={t('programmeEditor.reviewTemplateHint')}
        >
          <Stack>
            {v.reviewTemplate.map((q, i) => (
              <Paper
                key={i}
                withBorder
                p="md"
                component="fieldset"
                style={{ margin: 0 }}
                aria-label={t('programmeEditor.question', { number: i + 1 })}
              >
                <Stack gap="sm">
                  <Group justify="space-between">
                    <Text fw={600} component="legend" style={{ float: 'left', padding: 0 }}>
                      {t('programmeEditor.question', { number: i + 1 })}
                    </Text>
                    <Group gap={4}>
                      <ActionIcon
                        variant="subtle"
                        disabled={i === 0}
                        aria-label={t('programmeEditor.moveUp', { number: i + 1 })}
                        onClick={() =>
                          form.reorderListItem('reviewTemplate', { from: i, to: i - 1 })
                        }
                      >
                        <IconArrowUp size={18} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        disabled={i === v.reviewTemplate.length - 1}
                        aria-label={t('programmeEditor.moveDown', { number: i + 1 })}
                        onClick={() =>
                          form.reorderListItem('reviewTemplate', { from: i, to: i + 1 })
                        }
                      >
                        <IconArrowDown size={18} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('programmeEditor.removeQuestion', { number: i + 1 })}
                        onClick={() => form.removeListItem('reviewTemplate', i)}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={t('programmeEditor.labelDe', { number: i + 1 })}
                      required
                      {...form.getInputProps(`reviewTemplate.${i}.labelDe`)}
                    />
                    <TextInput
                      label={t('programmeEditor.labelEn', { number: i + 1 })}
                      required
                      {...form.getInputProps(`reviewTemplate.${i}.labelEn`)}
                      onChange={(event) => {
                        const label = event.currentTarget.value;
                        form.setFieldValue(`reviewTemplate.${i}.labelEn`, label);
                        if (!savedQuestions.has(q.key))
                          form.setFieldValue(
                            `reviewTemplate.${i}.key`,
                            keyFrom(
                              label,
                              v.reviewTemplate.filter((_, j) => j !== i).map((x) => x.key),
                              'question',
                            ),
                          );
                      }}
                    />
                    <Select
                      label={t('programmeEditor.answerType', { number: i + 1 })}
                      allowDeselect={false}
                      data={QUESTION_TYPES.map((type) => ({
                        value: type,
                        label: t(`programmeEditor.questionType.${type}`),
                      }))}
                      {...form.getInputProps(`reviewTemplate.${i}.type`)}
                    />
                    <Checkbox
                      mt={{ sm: 30 }}
                      label={t('programmeEditor.required', { number: i + 1 })}
                      {...form.getInputProps(`reviewTemplate.${i}.required`, { type: 'checkbox' })}
                    />
                    {q.type === 'SINGLE_CHOICE' && (
                      <TextInput
                        label={t('programmeEditor.options', { number: i + 1 })}
                        description={t('programmeEditor.optionsHint')}
                        {...form.getInputProps(`reviewTemplate.${i}.options`)}
                      />
                    )}
                    {q.type === 'NUMBER' && (
                      <Group grow>
                        <NumberInput
                          label={t('programmeEditor.min', { number: i + 1 })}
                          allowDecimal={false}
                          {...form.getInputProps(`reviewTemplate.${i}.min`)}
                        />
                        <NumberInput
                          label={t('programmeEditor.max', { number: i + 1 })}
                          allowDecimal={false}
                          {...form.getInputProps(`reviewTemplate.${i}.max`)}
                        />
                      </Group>
                    )}
                  </SimpleGrid>
                </Stack>
              </Paper>
            ))}
            {form.errors.reviewTemplate && (
              <Text c="red" size="sm" role="alert">
                {form.errors.reviewTemplate}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={addQuestion}
              >
                {t('programmeEditor.addQuestion')}
              </Button>
            </Group>
          </Stack>
        </Section>

        <Section
          title={t('programmeEditor.reallocation')}
          description={t('programmeEditor.reallocationHint')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
            <NumberInput
              label={t('programmeEditor.tolerancePercent')}
              description={t('programmeEditor.toleranceHint')}
              min={0}
              max={100}
              suffix=" %"
              allowDecimal={false}
              {...form.getInputProps('reallocationPolicy.tolerancePercent')}
            />
            <MoneyInput
              label={t('programmeEditor.absoluteCap')}
              description={t('programmeEditor.absoluteCapHint')}
              currency={v.currency}
              locale={locale}
              value={v.reallocationPolicy.absoluteCapMinor}
              onChange={(minor) => form.setFieldValue('reallocationPolicy.absoluteCapMinor', minor)}
              error={form.errors['reallocationPolicy.absoluteCapMinor'] as string | undefined}
            />
            <Switch
              label={t('programmeEditor.approvalBeyondTolerance')}
              {...form.getInputProps('reallocationPolicy.approvalBeyondTolerance', {
                type: 'checkbox',
              })}
            />
          </SimpleGrid>
        </Section>

        <Section
          title={t('programmeEditor.tranches')}
          description={t('programmeEditor.tranchesHint')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
            <NumberInput
              label={t('programmeEditor.awardSharePercent')}
              min={0}
              max={100}
              suffix=" %"
              allowDecimal={false}
              {...form.getInputProps('tranchePolicy.awardSharePercent')}
            />
            <NumberInput
              label={t('programmeEditor.finalHoldbackPercent')}
              min={0}
              max={100}
              suffix=" %"
              allowDecimal={false}
              {...form.getInputProps('tranchePolicy.finalHoldbackPercent')}
            />
            <Switch
              label={t('programmeEditor.releaseOnAcceptedReview')}
              {...form.getInputProps('tranchePolicy.releaseOnAcceptedReview', { type: 'checkbox' })}
            />
          </SimpleGrid>
          <TrancheExample values={v} />
        </Section>

        <Section
          title={t('programmeEditor.reminders')}
          description={t('programmeEditor.remindersHint')}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} maw={720}>
            <TextInput
              label={t('programmeEditor.daysBeforeDue')}
              description={t('programmeEditor.daysListHint')}
              {...form.getInputProps('reminderPolicy.daysBeforeDue')}
            />
            <TextInput
              label={t('programmeEditor.daysAfterDue')}
              description={t('programmeEditor.daysListHint')}
              {...form.getInputProps('reminderPolicy.daysAfterDue')}
            />
            <NumberInput
              label={t('programmeEditor.decisionWaitDays')}
              min={1}
              max={90}
              allowDecimal={false}
              {...form.getInputProps('reminderPolicy.decisionWaitDays')}
            />
          </SimpleGrid>
        </Section>

        <Section
          title={t('programmeEditor.learnings')}
          description={t('programmeEditor.learningsHint')}
        >
          <Select
            maw={360}
            label={t('programmeEditor.learningVisibility')}
            allowDeselect={false}
            data={VISIBILITIES.map((value) => ({
              value,
              label: t(`programmeEditor.visibility.${value}`),
            }))}
            {...form.getInputProps('learningVisibilityDefault')}
          />
        </Section>

        <Section
          title={t('proof.receiptRule.label')}
          description={t('proof.receiptRule.description')}
        >
          <Select
            maw={360}
            label={t('proof.receiptRule.label')}
            allowDeselect={false}
            data={RECEIPT_RULES.map((value) => ({
              value,
              label: t(`proof.receiptRule.${value}`),
            }))}
            {...form.getInputProps('receiptRule')}
          />
        </Section>

        <Group>
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The schedule the tranche policy gives a sample award, as it changes. */
function TrancheExample({ values }: { values: ProgrammeFormValues }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const [sample, setSample] = useState<number | null>(100_000_00);
  const sprints = int(values.maxSprints) || 1;
  const plan =
    sample === null
      ? null
      : tranchePreview(BigInt(sample), sprints, {
          awardSharePercent: int(values.tranchePolicy.awardSharePercent) || 0,
          finalHoldbackPercent: int(values.tranchePolicy.finalHoldbackPercent) || 0,
          releaseOnAcceptedReview: values.tranchePolicy.releaseOnAcceptedReview,
        });
  return (
    <Stack gap="xs" mt="md" maw={720}>
      <MoneyInput
        maw={280}
        label={t('programmeEditor.sampleAmount')}
        currency={values.currency}
        locale={locale}
        value={sample}
        onChange={setSample}
      />
      {plan === null ? (
        <Text size="sm" c="red">
          {t('programmeEditor.noSchedule')}
        </Text>
      ) : (
        <Table aria-label={t('programmeEditor.scheduleCaption', { count: sprints })}>
          <Table.Caption>{t('programmeEditor.scheduleCaption', { count: sprints })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('programmeEditor.tranche')}</Table.Th>
              <Table.Th>{t('programmeEditor.paidWhen')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('programmeEditor.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.map((tranche, i) => (
              <Table.Tr key={i}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>
                  {t(`programmeEditor.when.${tranche.kind}`, { sprint: tranche.sprint ?? 0 })}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {formatMoney(Number(tranche.minor), values.currency, locale)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
