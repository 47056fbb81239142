// Filing a change notice (the team): the form, with the running sprint and the money the stop
// flow explains, from one request.
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { GrantMoneyNav } from '../../features/budget/money-nav';
import { NoticeForm } from '../../features/notices/notice-form';
import { GrantNoticesQuery } from '../../features/notices/operations';
import { request } from '../../lib/client';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

export const Route = createFileRoute('/_app/grants/$grantId/notices/new')({
  component: NewNoticePage,
});

function NewNoticePage() {
  const { t } = useTranslation();
  const { grantId } = Route.useParams();
  const { data } = useSuspenseQuery({
    queryKey: ['grantNotices', grantId],
    queryFn: () => request(GrantNoticesQuery, { grantId }),
  });
  const { grant } = data;
  const current = grant.sprints.find((s) => s.status !== 'ACCEPTED') ?? null;
  const sum = (status: string) =>
    grant.tranches.filter((tr) => tr.status === status).reduce((s, tr) => s + tr.amount.amount, 0);
  return (
    <Page
      title={t('notices.newTitle')}
      description={t('budget.description', { reference: grant.reference, title: grant.title })}
    >
      <GrantMoneyNav grantId={grantId} />
      <Section title={t('notices.newSection')} description={t('notices.newHint')}>
        <NoticeForm
          grant={{
            id: grant.id,
            currency: grant.currency,
            endDate: grant.endDate,
            currentSprint: current
              ? {
                  number: current.number,
                  status: current.status,
                  endDate: current.endDate,
                  draftLearnings: current.review?.draft
                    ? current.review.draft.learnings.length
                    : null,
                }
              : null,
            released: sum('RELEASED'),
            // Spend of the final review counts once the review is submitted with the stop.
            spent:
              grant.settlement.spent.amount +
              (current?.review?.draft?.spend.reduce((s, e) => s + e.amount.amount, 0) ?? 0),
            scheduled: sum('SCHEDULED'),
          }}
        />
      </Section>
    </Page>
  );
}
