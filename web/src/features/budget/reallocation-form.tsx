// The team moves money between two lines. Before anything is sent the API's dry run says what
// sending will do — applied at once within the tolerance, waiting for the funder beyond it, or not
// possible — with the two lines before and after; the browser never judges the move itself.
import { Alert, Button, Group, NativeSelect, Stack, Table, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { request } from '../../lib/client';
import { formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { formatMoney } from '../../lib/money';
import { useFormSubmit } from '../../lib/use-form-submit';
import { FormAlert } from '../../ui/form-alert';
import { MoneyInput } from '../../ui/money-input';
import { notifySuccess } from '../../ui/notify';
import { errorText } from '../../ui/states';
import { ReallocationPreviewQuery, RequestReallocationMutation } from './operations';

const VERDICT_COLOR: Record<string, string> = {
  APPLIES_AT_ONCE: 'teal',
  NEEDS_FUNDER_DECISION: 'grape',
  REFUSED: 'red',
};

export function ReallocationForm({
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
    initialValues: { fromLineId: '', toLineId: '', amount: null as number | null, reason: '' },
    validate: zod4Resolver(
      z
        .object({
          fromLineId: z.string().min(1, t('reallocation.pickLine')),
          toLineId: z.string().min(1, t('reallocation.pickLine')),
          amount: z
            .number({ error: t('reallocation.amountNeeded') })
            .positive(t('reallocation.amountNeeded')),
          reason: z.string().trim().min(3, t('reallocation.reasonNeeded')).max(2000),
        })
        .refine((v) => v.fromLineId !== v.toLineId, {
          path: ['toLineId'],
          message: t('reallocation.sameLine'),
        }),
    ),
  });
  const { fromLineId, toLineId, amount } = form.values;
  const [move] = useDebouncedValue({ fromLineId, toLineId, amount }, 300);
  const ready =
    !!move.fromLineId &&
    !!move.toLineId &&
    move.fromLineId !== move.toLineId &&
    !!move.amount &&
    move.amount > 0;
  const preview = useQuery({
    queryKey: ['reallocationPreview', grantId, move],
    queryFn: () =>
      request(ReallocationPreviewQuery, {
        input: {
          grantId,
          fromLineId: move.fromLineId,
          toLineId: move.toLineId,
          amount: { amount: move.amount!, currency },
        },
      }),
    enabled: ready,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  // Only a verdict on exactly what the form holds now: none while typing or while it loads.
  const settled =
    move.fromLineId === fromLineId && move.toLineId === toLineId && move.amount === amount;
  const verdict =
    ready && settled && !preview.isPlaceholderData ? preview.data?.reallocationPreview : undefined;
  const { onSubmit, topError, submitting } = useFormSubmit(
    form,
    async (values) => {
      const input = {
        grantId,
        fromLineId: values.fromLineId,
        toLineId: values.toLineId,
        amount: { amount: values.amount!, currency },
        reason: values.reason.trim(),
      };
      const { requestReallocation } = await request(RequestReallocationMutation, {
        input: { ...input, idempotencyKey: idempotency.keyFor(input) },
      });
      idempotency.done();
      form.reset();
      setRound((r) => r + 1);
      notifySuccess(
        requestReallocation.status === 'APPLIED'
          ? t('reallocation.applied')
          : t('reallocation.sentToFunder'),
      );
      await queryClient.invalidateQueries({ queryKey: ['grantBudget', grantId] });
    },
    { 'amount.amount': 'amount', 'amount.currency': 'amount' },
  );
  const options = [
    { value: '', label: t('reallocation.chooseLine') },
    ...lines.map((l) => ({ value: l.id, label: l.name })),
  ];
  const fmt = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('reallocation.formLabel')}>
      <Stack maw={720}>
        <FormAlert message={topError} />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('reallocation.from')}
            data={options}
            required
            {...form.getInputProps('fromLineId')}
          />
          <NativeSelect
            label={t('reallocation.to')}
            data={options}
            required
            {...form.getInputProps('toLineId')}
          />
        </Group>
        <MoneyInput
          key={round}
          label={t('reallocation.amount')}
          currency={currency}
          locale={locale}
          required
          maw={260}
          value={form.values.amount}
          onChange={(minor) => form.setFieldValue('amount', minor)}
          error={form.errors.amount as string | undefined}
        />
        <div
          aria-live="polite"
          data-testid="reallocation-verdict"
          data-outcome={verdict?.outcome ?? ''}
        >
          {!ready ? (
            <Text size="sm" c="dimmed">
              {t('reallocation.previewHint')}
            </Text>
          ) : preview.isError ? (
            <Alert color="red">{errorText(preview.error, t)}</Alert>
          ) : verdict ? (
            <Alert
              color={VERDICT_COLOR[verdict.outcome]}
              title={t(`reallocation.verdict.${verdict.outcome}`)}
            >
              <Stack gap="xs">
                <Text size="sm">
                  {verdict.outcome === 'REFUSED'
                    ? verdict.message
                    : t(`reallocation.verdictBody.${verdict.outcome}`, {
                        percent: verdict.tolerancePercent,
                        line: verdict.to.line.name,
                        ceiling: fmt(verdict.to.ceiling.amount),
                      })}
                </Text>
                <Table withTableBorder fz="sm" maw={560}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('budget.line')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('reallocation.before')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('reallocation.after')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {[verdict.from, verdict.to].map((side) => (
                      <Table.Tr key={side.line.id}>
                        <Table.Th scope="row">{side.line.name}</Table.Th>
                        <Table.Td ta="right">{fmt(side.allocatedBefore.amount)}</Table.Td>
                        <Table.Td ta="right">{fmt(side.allocatedAfter.amount)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            </Alert>
          ) : (
            <Text size="sm" c="dimmed">
              {t('common.loading')}
            </Text>
          )}
        </div>
        <Textarea
          label={t('reallocation.reason')}
          description={t('reallocation.reasonHint')}
          required
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        <Group>
          <Button type="submit" loading={submitting} disabled={verdict?.outcome === 'REFUSED'}>
            {verdict?.outcome === 'NEEDS_FUNDER_DECISION'
              ? t('reallocation.submitAsk')
              : t('reallocation.submitMove')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
