// The team tells the funder what changed: a delay (with the dates it moves), a pivot, other
// funding (source and amount), a goal that can no longer be reached — or that it stops. Stopping
// is a respected way to end: the form says calmly what happens to the money and asks for the
// final review with its learnings before anything is sent.
import { Alert, Button, Group, List, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../lib/client';
import { formatLocalDate } from '../../lib/dates';
import { currentLanguage, formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { formatMoney } from '../../lib/money';
import { ConfirmButton } from '../../ui/confirm-button';
import { FormAlert } from '../../ui/form-alert';
import { AnchorLink } from '../../ui/links';
import { MoneyInput } from '../../ui/money-input';
import { notifySuccess } from '../../ui/notify';
import { errorText } from '../../ui/states';
import { daysBetween } from './notice-details';
import { FileChangeNoticeMutation } from './operations';

export const NOTICE_KINDS = [
  'DELAY',
  'PIVOT',
  'OTHER_FUNDING',
  'GOAL_UNREACHABLE',
  'STOP',
] as const;
type Kind = (typeof NOTICE_KINDS)[number];

export interface NoticeFormGrant {
  id: string;
  currency: string;
  endDate: string;
  currentSprint: {
    number: number;
    status: string;
    endDate: string;
    draftLearnings: number | null;
  } | null;
  released: number;
  spent: number;
  scheduled: number;
}

export function NoticeForm({ grant }: { grant: NoticeFormGrant }) {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [kind, setKind] = useState<Kind>('DELAY');
  const [description, setDescription] = useState('');
  const [requestedEndDate, setRequestedEndDate] = useState('');
  const [source, setSource] = useState('');
  const [amount, setAmount] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [reviewProblems, setReviewProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const fmt = (minor: number) => formatMoney(minor, grant.currency, locale);
  const sprint = grant.currentSprint;

  const check = (): boolean => {
    const problems: Record<string, string> = {};
    if (description.trim().length < 3) problems.description = t('notices.descriptionNeeded');
    if (kind === 'DELAY' && !/^\d{4}-\d{2}-\d{2}$/.test(requestedEndDate))
      problems.requestedEndDate = t('notices.dateNeeded');
    if (kind === 'OTHER_FUNDING') {
      if (source.trim().length < 2) problems.otherFundingSource = t('notices.sourceNeeded');
      if (!amount) problems.otherFundingAmount = t('reallocation.amountNeeded');
    }
    setErrors(problems);
    return Object.keys(problems).length === 0;
  };

  const send = async () => {
    setTopError(null);
    setReviewProblems([]);
    if (!check()) return;
    const input = {
      grantId: grant.id,
      kind,
      description: description.trim(),
      ...(kind === 'DELAY' ? { requestedEndDate } : {}),
      ...(kind === 'OTHER_FUNDING'
        ? {
            otherFundingSource: source.trim(),
            otherFundingAmount: { amount: amount!, currency: grant.currency },
          }
        : {}),
    };
    setBusy(true);
    try {
      const { fileChangeNotice } = await request(FileChangeNoticeMutation, {
        input: { ...input, idempotencyKey: idempotency.keyFor(input) },
      });
      idempotency.done();
      notifySuccess(kind === 'STOP' ? t('stop.done') : t('notices.sent'));
      await Promise.all(
        ['grantNotices', 'grantBudget', 'grantTranches'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key, grant.id] }),
        ),
      );
      await navigate({
        to: '/grants/$grantId/notices/$noticeId',
        params: { grantId: grant.id, noticeId: fileChangeNotice.id },
      });
    } catch (error) {
      const german = currentLanguage() === 'de';
      const fieldErrors: Record<string, string> = {};
      const review: string[] = [];
      if (error instanceof ApiError && !error.isNetwork) {
        for (const f of error.fields) {
          const path = f.field.replace(/^input\./, '');
          const text = german ? (f.messageDe ?? f.message) : f.message;
          if (path.startsWith('finalReview')) review.push(text);
          else fieldErrors[path.split('.')[0]] = text;
        }
      }
      setErrors(fieldErrors);
      setReviewProblems(review);
      if (Object.keys(fieldErrors).length === 0 || review.length > 0)
        setTopError(review.length > 0 ? t('stop.reviewIncomplete') : errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  const reviewLink = sprint && (
    <AnchorLink
      size="sm"
      to="/grants/$grantId/sprints/$number/review"
      params={{ grantId: grant.id, number: String(sprint.number) }}
    >
      {t('stop.openReview', { number: sprint.number })}
    </AnchorLink>
  );

  return (
    <form
      noValidate
      aria-label={t('notices.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        if (kind !== 'STOP') void send();
      }}
    >
      <Stack maw={760}>
        <FormAlert message={topError} />
        {reviewProblems.length > 0 && (
          <Alert color="red" data-testid="final-review-problems">
            <Stack gap="xs">
              <List size="sm">
                {reviewProblems.map((p, i) => (
                  <List.Item key={i}>{p}</List.Item>
                ))}
              </List>
              {reviewLink}
            </Stack>
          </Alert>
        )}
        <Radio.Group
          label={t('notices.whatChanged')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setErrors({});
            setTopError(null);
          }}
          required
        >
          <Stack gap="xs" mt="xs">
            {NOTICE_KINDS.map((k) => (
              <Radio
                key={k}
                value={k}
                label={t(`notices.kind.${k}`)}
                description={t(`notices.kindHint.${k}`)}
              />
            ))}
          </Stack>
        </Radio.Group>

        {kind === 'DELAY' && (
          <Stack gap="xs">
            <TextInput
              type="date"
              label={t('notices.requestedEndDate')}
              description={
                sprint
                  ? t('notices.currentEnd', {
                      number: sprint.number,
                      date: formatLocalDate(sprint.endDate, locale),
                    })
                  : undefined
              }
              required
              value={requestedEndDate}
              onChange={(e) => setRequestedEndDate(e.currentTarget.value)}
              error={errors.requestedEndDate}
              maw={260}
            />
            {sprint && /^\d{4}-\d{2}-\d{2}$/.test(requestedEndDate) && (
              <Text size="sm" data-testid="delay-effect">
                {daysBetween(sprint.endDate, requestedEndDate) > 0
                  ? t('notices.delayEffect', {
                      from: formatLocalDate(sprint.endDate, locale),
                      to: formatLocalDate(requestedEndDate, locale),
                      count: daysBetween(sprint.endDate, requestedEndDate),
                    })
                  : t('notices.delayNotLater', { date: formatLocalDate(sprint.endDate, locale) })}
              </Text>
            )}
          </Stack>
        )}
        {kind === 'OTHER_FUNDING' && (
          <Group grow align="flex-start">
            <TextInput
              label={t('notices.fundingSource')}
              required
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
              error={errors.otherFundingSource}
            />
            <MoneyInput
              label={t('notices.fundingAmount')}
              currency={grant.currency}
              locale={locale}
              required
              value={amount}
              onChange={setAmount}
              error={errors.otherFundingAmount}
            />
          </Group>
        )}
        {kind === 'STOP' && (
          <Alert color="blue" title={t('stop.title')} data-testid="stop-explained">
            <Stack gap="sm">
              <Text size="sm">{t('stop.intro')}</Text>
              <List size="sm" spacing="xs">
                <List.Item>
                  {t('stop.finalReview', { number: sprint?.number ?? '–' })}{' '}
                  {sprint?.draftLearnings === null || sprint?.draftLearnings === undefined
                    ? t('stop.noDraft')
                    : t('stop.draftLearnings', { count: sprint.draftLearnings })}{' '}
                  {reviewLink}
                </List.Item>
                <List.Item>{t('stop.returned', { amount: fmt(grant.scheduled) })}</List.Item>
                <List.Item>
                  {grant.released > grant.spent
                    ? t('stop.claim', {
                        released: fmt(grant.released),
                        spent: fmt(grant.spent),
                        amount: fmt(grant.released - grant.spent),
                      })
                    : t('stop.noClaim')}
                </List.Item>
                <List.Item>{t('stop.requests')}</List.Item>
              </List>
              <Text size="sm">{t('stop.knowledge')}</Text>
            </Stack>
          </Alert>
        )}
        <Textarea
          label={kind === 'STOP' ? t('stop.why') : t('notices.description')}
          description={t(`notices.descriptionHint.${kind}`)}
          required
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
        />
        <Group>
          {kind === 'STOP' ? (
            <ConfirmButton
              color="red"
              loading={busy}
              title={t('stop.confirmTitle')}
              message={t('stop.confirmBody')}
              confirmLabel={t('stop.confirm')}
              onConfirm={send}
            >
              {t('stop.submit')}
            </ConfirmButton>
          ) : (
            <Button type="submit" loading={busy}>
              {t('notices.submit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
