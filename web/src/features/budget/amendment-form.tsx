// A funder's manager amends the award: a new allocation per line, and the award becomes their sum
// (an amendment notice). The API refuses to go below what was spent or paid out, at the field.
import { Button, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { applyApiError } from '../../lib/form-errors';
import { currentLanguage, formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { formatMoney } from '../../lib/money';
import { FormAlert } from '../../ui/form-alert';
import { MoneyInput } from '../../ui/money-input';
import { notifySuccess } from '../../ui/notify';
import { errorText } from '../../ui/states';
import { AmendGrantMutation } from './operations';

export function AmendmentForm({
  grantId,
  currency,
  lines,
}: {
  grantId: string;
  currency: string;
  lines: { id: string; name: string; allocated: number }[];
}) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [values, setValues] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(lines.map((l) => [l.id, l.allocated])),
  );
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const complete = lines.every((l) => values[l.id] !== null && values[l.id] !== undefined);
  const newAmount = complete ? lines.reduce((s, l) => s + (values[l.id] ?? 0), 0) : null;
  const current = lines.reduce((s, l) => s + l.allocated, 0);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTopError(null);
    const problems: Record<string, string> = {};
    if (!complete) problems.lines = t('amendment.everyLine');
    if (reason.trim().length < 3) problems.reason = t('amendment.reasonNeeded');
    const lineChanges = lines
      .map((l) => ({ lineId: l.id, change: (values[l.id] ?? 0) - l.allocated }))
      .filter((c) => c.change !== 0);
    if (complete && lineChanges.length === 0) problems.lines = t('amendment.nothingChanges');
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const input = {
      grantId,
      newAmount: { amount: newAmount!, currency },
      lineChanges,
      reason: reason.trim(),
    };
    setBusy(true);
    try {
      await request(AmendGrantMutation, {
        input: { ...input, idempotencyKey: idempotency.keyFor(input) },
      });
      idempotency.done();
      setReason('');
      notifySuccess(t('amendment.saved'));
      await queryClient.invalidateQueries({ queryKey: ['grantBudget', grantId] });
    } catch (error) {
      const fieldErrors: Record<string, string> = {};
      const form = {
        setFieldError: (path: string, message: string) => (fieldErrors[path] = message),
        getValues: () => ({ reason, lines: true, newAmount: true }),
      };
      setTopError(
        applyApiError(form, error, currentLanguage(), errorText(error, t), {
          // Also a single line's change ("would take … below what it has spent").
          lineChanges: 'lines',
          'newAmount.amount': 'newAmount',
        }),
      );
      setErrors(fieldErrors);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('amendment.formLabel')}>
      <Stack maw={720}>
        <FormAlert message={topError ?? errors.newAmount ?? null} />
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('budget.line')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('budget.allocated')}
              </Table.Th>
              <Table.Th scope="col">{t('amendment.newAllocation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Th scope="row">{l.name}</Table.Th>
                <Table.Td ta="right">{formatMoney(l.allocated, currency, locale)}</Table.Td>
                <Table.Td>
                  <MoneyInput
                    aria-label={t('amendment.newAllocationOf', { line: l.name })}
                    currency={currency}
                    locale={locale}
                    value={values[l.id] ?? null}
                    onChange={(minor) => setValues((v) => ({ ...v, [l.id]: minor }))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {errors.lines && (
          <Text c="red" size="sm" role="alert">
            {errors.lines}
          </Text>
        )}
        <Text size="sm">
          {t('amendment.newAward', {
            before: formatMoney(current, currency, locale),
            after: newAmount === null ? '—' : formatMoney(newAmount, currency, locale),
          })}
        </Text>
        <Textarea
          label={t('amendment.reason')}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
        />
        <div>
          <Button type="submit" loading={busy}>
            {t('amendment.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
