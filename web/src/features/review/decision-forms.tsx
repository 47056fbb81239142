// A manager's decision on a submitted application: approve (the full request, or a lower amount
// with adjusted budget lines — the form shows their sum and what is left in the programme),
// reject with feedback, or ask for information. Each form makes one idempotency key when it
// opens: a double click or a retry after a lost answer repeats the same decision, never a
// second one (the API answers a repeated key with the first result).
import {
  Button,
  Group,
  Select,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { formattingLocale } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { useFormSubmit } from '../../lib/use-form-submit';
import { FormAlert } from '../../ui/form-alert';
import { MoneyInput } from '../../ui/money-input';
import { notifySuccess } from '../../ui/notify';
import { DecideApplicationMutation } from './operations';

const CATEGORIES = [
  'PERSONNEL',
  'MATERIAL',
  'TRAVEL',
  'SUBCONTRACTING',
  'OVERHEAD',
  'OTHER',
] as const;
type Category = (typeof CATEGORIES)[number];

export interface DecisionContext {
  applicationId: string;
  programmeId: string;
  currency: string;
  requestedMinor: number;
  availableMinor: number;
  lines: { name: string; category: Category; minor: number }[];
}

function newKey(): string {
  return crypto.randomUUID();
}

function useDecided(ctx: DecisionContext) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['review-application', ctx.applicationId] });
    await queryClient.invalidateQueries({ queryKey: ['inbox', ctx.programmeId] });
    await queryClient.invalidateQueries({ queryKey: ['programme', ctx.programmeId] });
  };
}

export function DecisionForms({ ctx }: { ctx: DecisionContext }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'APPROVE' | 'REJECT' | 'REQUEST_INFO'>('APPROVE');
  return (
    <Stack>
      <SegmentedControl
        aria-label={t('decision.choose')}
        value={kind}
        onChange={(v) => setKind(v)}
        data={[
          { value: 'APPROVE', label: t('decision.kind.APPROVE') },
          { value: 'REQUEST_INFO', label: t('decision.kind.REQUEST_INFO') },
          { value: 'REJECT', label: t('decision.kind.REJECT') },
        ]}
      />
      {kind === 'APPROVE' ? <ApproveForm ctx={ctx} /> : <FeedbackForm ctx={ctx} kind={kind} />}
    </Stack>
  );
}

interface ApproveValues extends Record<string, unknown> {
  lower: boolean;
  awardedAmount: number | null;
  budgetLines: { name: string; category: Category; minor: number | null }[];
  comment: string;
}

function ApproveForm({ ctx }: { ctx: DecisionContext }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const decided = useDecided(ctx);
  const [idempotencyKey] = useState(newKey);
  const form = useForm<ApproveValues>({
    mode: 'controlled',
    initialValues: {
      lower: false,
      awardedAmount: ctx.requestedMinor,
      budgetLines: ctx.lines.map((l) => ({ ...l, minor: l.minor })),
      comment: '',
    },
    validate: {
      awardedAmount: (v, values) =>
        !values.lower
          ? null
          : v === null || v <= 0
            ? t('money.empty')
            : v > ctx.requestedMinor
              ? t('decision.notAboveRequest')
              : null,
      budgetLines: {
        name: (v, values) => (values.lower && !v.trim() ? t('validation.required') : null),
        minor: (v, values) => (values.lower && (v === null || v <= 0) ? t('money.empty') : null),
      },
    },
  });
  const v = form.getValues();
  const awarded = v.lower ? (v.awardedAmount ?? 0) : ctx.requestedMinor;
  const lineSum = v.budgetLines.reduce((s, l) => s + BigInt(l.minor ?? 0), 0n);
  const difference = BigInt(awarded) - lineSum;
  const leftAfter = BigInt(ctx.availableMinor) - BigInt(awarded);
  const { onSubmit, topError, submitting } = useFormSubmit(
    form,
    async (values) => {
      if (values.lower && difference !== 0n) {
        form.setFieldError('budgetLines', t('decision.linesMustAddUp'));
        return;
      }
      await request(DecideApplicationMutation, {
        input: {
          applicationId: ctx.applicationId,
          decision: 'APPROVE',
          idempotencyKey,
          comment: values.comment.trim() || undefined,
          ...(values.lower
            ? {
                awardedAmount: { amount: values.awardedAmount ?? 0, currency: ctx.currency },
                budgetLines: values.budgetLines.map((l) => ({
                  name: l.name.trim(),
                  category: l.category,
                  amount: { amount: l.minor ?? 0, currency: ctx.currency },
                })),
              }
            : {}),
        },
      });
      await decided();
      notifySuccess(t('decision.approved'));
    },
    { 'awardedAmount.amount': 'awardedAmount' },
  );
  const money = (minor: number | bigint) => formatMoney(Number(minor), ctx.currency, locale);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={760}>
        <FormAlert message={topError} />
        <Text>
          {t('decision.requested', { amount: money(ctx.requestedMinor) })}{' '}
          {t('decision.available', { amount: money(ctx.availableMinor) })}
        </Text>
        <Switch
          label={t('decision.lower')}
          {...form.getInputProps('lower', { type: 'checkbox' })}
        />
        {v.lower && (
          <>
            <MoneyInput
              maw={280}
              label={t('decision.awardedAmount')}
              required
              currency={ctx.currency}
              locale={locale}
              value={v.awardedAmount}
              onChange={(minor) => form.setFieldValue('awardedAmount', minor)}
              error={form.errors.awardedAmount as string | undefined}
            />
            <Table aria-label={t('decision.lines')}>
              <Table.Caption>{t('decision.linesHint')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('decision.lineName')}</Table.Th>
                  <Table.Th>{t('decision.lineCategory')}</Table.Th>
                  <Table.Th>{t('decision.lineAmount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.budgetLines.map((line, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <TextInput
                        aria-label={t('decision.lineNameOf', { number: i + 1 })}
                        {...form.getInputProps(`budgetLines.${i}.name`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('decision.lineCategoryOf', { number: i + 1 })}
                        allowDeselect={false}
                        data={CATEGORIES.map((c) => ({
                          value: c,
                          label: t(`decision.category.${c}`),
                        }))}
                        {...form.getInputProps(`budgetLines.${i}.category`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <MoneyInput
                        aria-label={t('decision.lineAmountOf', { name: line.name || i + 1 })}
                        currency={ctx.currency}
                        locale={locale}
                        value={line.minor}
                        onChange={(minor) => form.setFieldValue(`budgetLines.${i}.minor`, minor)}
                        error={form.errors[`budgetLines.${i}.minor`] as string | undefined}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Stack gap={4} aria-live="polite">
              <Text data-testid="line-sum">
                {t('decision.lineSum', { sum: money(lineSum), awarded: money(awarded) })}
              </Text>
              {difference !== 0n && (
                <Text c="red" size="sm">
                  {difference > 0n
                    ? t('decision.linesShort', { amount: money(difference) })
                    : t('decision.linesOver', { amount: money(-difference) })}
                </Text>
              )}
              {form.errors.budgetLines && (
                <Text c="red" size="sm" role="alert">
                  {form.errors.budgetLines}
                </Text>
              )}
            </Stack>
          </>
        )}
        <Text data-testid="left-after" c={leftAfter < 0n ? 'red' : undefined}>
          {t('decision.leftAfter', { amount: money(leftAfter) })}
        </Text>
        <Textarea
          label={t('decision.approveComment')}
          autosize
          minRows={2}
          {...form.getInputProps('comment')}
        />
        <Group>
          <Button type="submit" color="teal" loading={submitting}>
            {v.lower
              ? t('decision.approveLower', { amount: money(awarded) })
              : t('decision.approveFull', { amount: money(awarded) })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FeedbackForm({ ctx, kind }: { ctx: DecisionContext; kind: 'REJECT' | 'REQUEST_INFO' }) {
  const { t } = useTranslation();
  const decided = useDecided(ctx);
  const [idempotencyKey] = useState(newKey);
  const form = useForm({
    mode: 'controlled',
    initialValues: { comment: '' },
    validate: { comment: (v) => (v.trim() ? null : t(`decision.commentNeeded.${kind}`)) },
  });
  const { onSubmit, topError, submitting } = useFormSubmit(form, async (values) => {
    await request(DecideApplicationMutation, {
      input: {
        applicationId: ctx.applicationId,
        decision: kind,
        idempotencyKey,
        comment: values.comment.trim(),
      },
    });
    await decided();
    notifySuccess(t(`decision.done.${kind}`));
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={760}>
        <FormAlert message={topError} />
        <Textarea
          label={t(`decision.comment.${kind}`)}
          description={t(`decision.commentHint.${kind}`)}
          required
          autosize
          minRows={4}
          {...form.getInputProps('comment')}
        />
        <Group>
          <Button type="submit" color={kind === 'REJECT' ? 'red' : undefined} loading={submitting}>
            {t(`decision.submit.${kind}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
