// The team reports spend on a line, with the receipt's reference; spend that takes a line beyond
// its tolerance is accepted but needs an explanation, which the API asks for at its field.
import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { useFormSubmit } from '../../lib/use-form-submit';
import { FormAlert } from '../../ui/form-alert';
import { MoneyInput } from '../../ui/money-input';
import { notifySuccess } from '../../ui/notify';
import { ReportSpendMutation } from './operations';

export function SpendForm({
  grantId,
  currency,
  lines,
}: {
  grantId: string;
  currency: string;
  lines: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  // The amount field keeps its own text; a new round after sending starts it empty.
  const [round, setRound] = useState(0);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      lineId: '',
      amount: null as number | null,
      spentOn: '',
      note: '',
      receiptReference: '',
      explanation: '',
    },
    validate: zod4Resolver(
      z.object({
        lineId: z.string().min(1, t('reallocation.pickLine')),
        amount: z
          .number({ error: t('reallocation.amountNeeded') })
          .positive(t('reallocation.amountNeeded')),
        spentOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, t('spend.dateNeeded')),
        note: z.string().trim().min(1, t('spend.noteNeeded')).max(2000),
        receiptReference: z.string().max(200),
        explanation: z.string().max(2000),
      }),
    ),
  });
  const { onSubmit, topError, submitting } = useFormSubmit(
    form,
    async (values) => {
      const input = {
        grantId,
        lineId: values.lineId,
        amount: { amount: values.amount!, currency },
        spentOn: values.spentOn,
        note: values.note.trim(),
        receiptReference: values.receiptReference.trim() || undefined,
        explanation: values.explanation.trim() || undefined,
      };
      const { reportSpend } = await request(ReportSpendMutation, {
        input: { ...input, idempotencyKey: idempotency.keyFor(input) },
      });
      idempotency.done();
      form.reset();
      setRound((r) => r + 1);
      notifySuccess(reportSpend.beyondTolerance ? t('spend.savedBeyond') : t('spend.saved'));
      await queryClient.invalidateQueries({ queryKey: ['grantBudget', grantId] });
    },
    { 'amount.amount': 'amount', 'amount.currency': 'amount' },
  );
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('spend.formLabel')}>
      <Stack maw={720}>
        <FormAlert message={topError} />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('budget.line')}
            required
            data={[
              { value: '', label: t('reallocation.chooseLine') },
              ...lines.map((l) => ({ value: l.id, label: l.name })),
            ]}
            {...form.getInputProps('lineId')}
          />
          <MoneyInput
            key={round}
            label={t('spend.amount')}
            currency={currency}
            locale={locale}
            required
            value={form.values.amount}
            onChange={(minor) => form.setFieldValue('amount', minor)}
            error={form.errors.amount as string | undefined}
          />
          <TextInput
            type="date"
            label={t('spend.spentOn')}
            required
            {...form.getInputProps('spentOn')}
          />
        </Group>
        <TextInput label={t('spend.note')} required {...form.getInputProps('note')} />
        <TextInput
          label={t('spend.receipt')}
          description={t('spend.receiptHint')}
          {...form.getInputProps('receiptReference')}
        />
        <Textarea
          label={t('spend.explanation')}
          description={t('spend.explanationHint')}
          autosize
          minRows={2}
          {...form.getInputProps('explanation')}
        />
        <Group>
          <Button type="submit" loading={submitting}>
            {t('spend.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
