// One change notice (the "notice filed/decided" emails link here): what the team reported, the
// funder's answer and, after a STOP, the close-out figures of the grant.
import { Badge, Group } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Attachments } from '../../features/attachments/attachments';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CloseOut } from '../../features/budget/close-out';
import { useGrantSide } from '../../features/budget/grant-side';
import { GrantMoneyNav } from '../../features/budget/money-nav';
import {
  AnswerNotice,
  NOTICE_STATUS_COLOR,
  NoticeDetails,
} from '../../features/notices/notice-details';
import { GrantNoticesQuery } from '../../features/notices/operations';
import { request } from '../../lib/client';
import { NotFoundPage } from '../../ui/not-found-page';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';

export const Route = createFileRoute('/_app/grants/$grantId/notices/$noticeId')({
  component: NoticePage,
});

function NoticePage() {
  const { t } = useTranslation();
  const { grantId, noticeId } = Route.useParams();
  const side = useGrantSide();
  const { data } = useSuspenseQuery({
    queryKey: ['grantNotices', grantId],
    queryFn: () => request(GrantNoticesQuery, { grantId }),
  });
  const { grant } = data;
  const notice = grant.changeNotices.nodes.find((n) => n.id === noticeId);
  if (!notice) return <NotFoundPage />;
  return (
    <Page
      title={t('pages.changeNotice')}
      description={t('budget.description', { reference: grant.reference, title: grant.title })}
      actions={
        <Group>
          <Badge
            size="lg"
            color={NOTICE_STATUS_COLOR[notice.status] ?? 'gray'}
            data-testid="notice-status"
          >
            {t(`notices.status.${notice.status}`)}
          </Badge>
        </Group>
      }
    >
      <GrantMoneyNav grantId={grantId} />
      <Section title={t(`notices.kind.${notice.kind}`)}>
        <NoticeDetails notice={notice} />
      </Section>
      <Section
        title={t('attachments.noticeTitle')}
        description={t(side.isGrantee ? 'attachments.noticeHint' : 'attachments.readHint')}
      >
        <Attachments
          parentType="CHANGE_NOTICE"
          parentId={notice.id}
          label={t('attachments.noticeTitle')}
          canUpload={side.isGrantee}
        />
      </Section>
      {notice.status === 'OPEN' && side.canDecide && (
        <Section title={t('notices.answerTitle')}>
          <AnswerNotice grantId={grantId} notice={notice} />
        </Section>
      )}
      {notice.kind === 'STOP' && grant.status !== 'ACTIVE' && (
        <Section title={t('closeOut.title')}>
          <CloseOut
            grantId={grantId}
            status={grant.status}
            currency={grant.currency}
            settlement={{
              awarded: grant.settlement.awarded.amount,
              released: grant.settlement.released.amount,
              spent: grant.settlement.spent.amount,
              returned: grant.settlement.returned.amount,
              claimed: grant.settlement.claimed.amount,
            }}
            claim={
              grant.refundClaim
                ? {
                    id: grant.refundClaim.id,
                    status: grant.refundClaim.status,
                    amount: grant.refundClaim.amount.amount,
                    decisionReason: grant.refundClaim.decisionReason ?? null,
                  }
                : null
            }
            canSettle={side.canRelease}
            isGrantee={side.isGrantee}
          />
        </Section>
      )}
    </Page>
  );
}
