// One proof of use (the "proof of use submitted / decided" emails link here): what it compiles for
// its period — the statement per line against the tolerance, the list of receipts with links to
// the files, the tranches received and the refund figures — the grantee's closing statement with
// saving and submitting, the funder's decision, and the PDF or XLSX of it for both sides.
import { Alert, Badge, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Figures } from '../../features/budget/figures';
import { useGrantSide } from '../../features/budget/grant-side';
import {
  DecideProofOfUseMutation,
  ProofOfUsePageQuery,
  ReceiptLinkMutation,
  RequestProofReportMutation,
  SubmitProofOfUseMutation,
  UpdateProofOfUseMutation,
} from '../../features/proof/operations';
import { PROOF_STATUS_COLOR } from '../../features/proof/status';
import { request } from '../../lib/client';
import { formatDateTime, formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { formatMoney } from '../../lib/money';
import { FormAlert } from '../../ui/form-alert';
import { AnchorLink } from '../../ui/links';
import { MoneyTable } from '../../ui/money-table';
import { notifyError, notifySuccess } from '../../ui/notify';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty, errorText } from '../../ui/states';

export const Route = createFileRoute('/_app/grants/$grantId/proof-of-use/$proofOfUseId')({
  component: ProofOfUsePage,
});

const EDITABLE = ['DRAFT', 'CHANGES_REQUESTED'];

function ProofOfUsePage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { grantId, proofOfUseId } = Route.useParams();
  const side = useGrantSide();
  const { data } = useSuspenseQuery({
    queryKey: ['proofOfUse', proofOfUseId],
    queryFn: () => request(ProofOfUsePageQuery, { grantId, proofOfUseId }),
  });
  const { grant, proofOfUse: proof } = data;
  const f = proof.figures;
  const fmt = (minor: number) => formatMoney(minor, grant.currency, locale);
  const day = (d: string) => formatLocalDate(d, locale);
  const period = t('proof.periodValue', { from: day(proof.periodFrom), to: day(proof.periodTo) });
  const editable = side.isGrantee && EDITABLE.includes(proof.status);
  const lastDecision = proof.decisions[proof.decisions.length - 1];
  return (
    <Page
      title={`${t(`proof.kind.${proof.kind}`)}: ${period}`}
      description={t('budget.description', { reference: grant.reference, title: grant.title })}
      actions={
        <Badge size="lg" color={PROOF_STATUS_COLOR[proof.status] ?? 'gray'} data-testid="status">
          {t(`proof.status.${proof.status}`)}
        </Badge>
      }
    >
      <Group component="nav" aria-label={t('proof.navLabel')} gap="lg">
        <AnchorLink to="/grants/$grantId/proof-of-use" params={{ grantId }}>
          {t('proof.backToList')}
        </AnchorLink>
        <AnchorLink to="/grants/$grantId/budget" params={{ grantId }}>
          {t('grantMoney.budget')}
        </AnchorLink>
      </Group>
      {proof.status === 'CHANGES_REQUESTED' && lastDecision && (
        <Alert color="violet" title={t('proof.changesRequested')} data-testid="changes-requested">
          {lastDecision.comment}
        </Alert>
      )}
      <StatementSection
        proofOfUseId={proof.id}
        statement={proof.statement}
        editable={editable}
        missingReceipts={f.missingReceipts}
      />
      {side.canDecide && proof.status === 'SUBMITTED' && (
        <DecisionSection proofOfUseId={proof.id} />
      )}
      <Section title={t('proof.figures')} description={t('proof.figuresHint')}>
        <Figures
          currency={grant.currency}
          items={[
            { key: 'awarded', label: t('proof.awarded'), minor: f.awarded.amount },
            { key: 'received', label: t('proof.received'), minor: f.received.amount },
            {
              key: 'spentInPeriod',
              label: t('proof.spentInPeriod'),
              minor: f.spentInPeriod.amount,
            },
            { key: 'spentToDate', label: t('proof.spentToDate'), minor: f.spentToDate.amount },
            { key: 'returned', label: t('proof.returned'), minor: f.returned.amount },
            { key: 'claimed', label: t('proof.claimed'), minor: f.claimed.amount },
          ]}
        />
        {f.claimStatus && (
          <Text size="sm">
            {t('proof.claimStatusLabel')}: {t(`closeOut.claimStatus.${f.claimStatus}`)}
          </Text>
        )}
      </Section>
      <Section title={t('proof.statementTable')} description={t('proof.statementTableHint')}>
        <MoneyTable
          testId="financial-statement"
          currency={grant.currency}
          locale={locale}
          minWidth={900}
          lineLabel={t('proof.line')}
          rows={f.lines}
          rowKey={(line) => line.name}
          rowHeader={(line) => (
            <>
              <Text size="sm" fw={600}>
                {line.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`grant.category.${line.category}`)}
              </Text>
            </>
          )}
          money={[
            { key: 'planned', label: t('proof.planned'), minor: (l) => l.original.amount },
            {
              key: 'reallocated',
              label: t('proof.reallocated'),
              minor: (l) => l.reallocated.amount,
            },
            { key: 'allocated', label: t('proof.allocated'), minor: (l) => l.allocated.amount },
            {
              key: 'spentInPeriod',
              label: t('proof.spentInPeriod'),
              minor: (l) => l.spentInPeriod.amount,
            },
            {
              key: 'spentToDate',
              label: t('proof.spentToDate'),
              minor: (l) => l.spentToDate.amount,
            },
          ]}
          after={[
            {
              key: 'deviation',
              label: t('proof.deviation'),
              align: 'right',
              cell: (line) => (
                <Stack gap={2} align="flex-end">
                  <Text size="sm">
                    {Number(line.deviationPercent).toLocaleString(locale, {
                      minimumFractionDigits: 2,
                      maximumFractionDigits: 2,
                    })}{' '}
                    %
                  </Text>
                  <Badge color={line.beyondTolerance ? 'red' : 'teal'}>
                    {line.beyondTolerance
                      ? t('proof.beyondTolerance', { tolerance: line.tolerancePercent })
                      : t('proof.withinTolerance', { tolerance: line.tolerancePercent })}
                  </Badge>
                </Stack>
              ),
            },
            {
              key: 'explanation',
              label: t('proof.explanation'),
              cell: (line) => (
                <Text size="sm">
                  {[
                    ...line.explanations,
                    ...line.reallocationReasons.map((r) =>
                      t('proof.reallocationReason', { reason: r }),
                    ),
                  ].join(' / ')}
                </Text>
              ),
            },
          ]}
        />
      </Section>
      <Section
        title={t('proof.receipts')}
        description={
          f.receiptRule === 'ATTACHED' ? t('proof.receiptsAttached') : t('proof.receiptsListed')
        }
      >
        {f.receipts.length === 0 ? (
          <Empty>{t('proof.noReceipts')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="xs" data-testid="receipts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('proof.date')}</Table.Th>
                  <Table.Th scope="col">{t('proof.line')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('proof.amount')}
                  </Table.Th>
                  <Table.Th scope="col">{t('proof.purpose')}</Table.Th>
                  <Table.Th scope="col">{t('proof.receiptNo')}</Table.Th>
                  <Table.Th scope="col">{t('proof.files')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.receipts.map((r) => (
                  <Table.Tr key={r.spendEntryId} data-missing={r.receiptMissing || undefined}>
                    <Table.Td>{day(r.spentOn)}</Table.Td>
                    <Table.Td>
                      {r.lineName}
                      {r.sprintNumber !== null && r.sprintNumber !== undefined && (
                        <Text size="xs" c="dimmed">
                          {t('proof.sprint', { number: r.sprintNumber })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{fmt(r.amount.amount)}</Table.Td>
                    <Table.Td>
                      {r.note ||
                        (r.fromSprintReview
                          ? r.sprintNumber !== null && r.sprintNumber !== undefined
                            ? t('proof.fromSprintReview', { number: r.sprintNumber })
                            : t('spendEntries.fromSprintReview')
                          : '')}
                    </Table.Td>
                    <Table.Td>{r.receiptReference ?? '–'}</Table.Td>
                    <Table.Td>
                      <Stack gap={2} align="flex-start">
                        {r.attachments.map((a) => (
                          <ReceiptLink key={a.id} id={a.id} fileName={a.fileName} />
                        ))}
                        {r.receiptMissing && <Badge color="red">{t('proof.receiptMissing')}</Badge>}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      <Section title={t('proof.tranches')}>
        {f.tranches.length === 0 ? (
          <Empty>{t('proof.noTranches')}</Empty>
        ) : (
          <Table verticalSpacing="xs" data-testid="proof-tranches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('proof.trancheNumber')}</Table.Th>
                <Table.Th scope="col">{t('proof.trancheKind')}</Table.Th>
                <Table.Th scope="col">{t('proof.releasedAt')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('proof.amount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.tranches.map((tr) => (
                <Table.Tr key={tr.id}>
                  <Table.Td>{tr.number}</Table.Td>
                  <Table.Td>{t(`tranches.kind.${tr.kind}`)}</Table.Td>
                  <Table.Td>{tr.releasedAt ? formatDateTime(tr.releasedAt, locale) : '–'}</Table.Td>
                  <Table.Td ta="right">{fmt(tr.amount.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {proof.decisions.length > 0 && (
        <Section title={t('proof.decisions')}>
          <Stack gap="xs">
            {proof.decisions.map((d) => (
              <Text key={d.id} size="sm">
                {t('proof.decisionLine', {
                  version: d.version,
                  decision: t(`proof.decision.${d.decision}`),
                  at: formatDateTime(d.createdAt, locale),
                })}
                {d.comment ? ` – ${d.comment}` : ''}
              </Text>
            ))}
          </Stack>
        </Section>
      )}
      <DownloadSection
        proofOfUseId={proof.id}
        available={proof.submittedVersion > 0 || side.isGrantee}
      />
    </Page>
  );
}

function StatementSection({
  proofOfUseId,
  statement,
  editable,
  missingReceipts,
}: {
  proofOfUseId: string;
  statement: string;
  editable: boolean;
  missingReceipts: number;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [text, setText] = useState(statement);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['proofOfUse', proofOfUseId] });
  if (!editable)
    return (
      <Section title={t('proof.statement')}>
        <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="statement">
          {statement || t('proof.statementEmpty')}
        </Text>
      </Section>
    );
  const save = async () => {
    setError(null);
    setBusy('save');
    try {
      await request(UpdateProofOfUseMutation, { input: { proofOfUseId, statement: text } });
      notifySuccess(t('proof.saved'));
      await refresh();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };
  const submit = async () => {
    setError(null);
    setBusy('submit');
    const input = { proofOfUseId, statement: text };
    try {
      await request(SubmitProofOfUseMutation, {
        input: { ...input, idempotencyKey: idempotency.keyFor(input) },
      });
      idempotency.done();
      notifySuccess(t('proof.submitted'));
      await refresh();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title={t('proof.statement')} description={t('proof.statementHint')}>
      <Stack>
        <FormAlert message={error} />
        {missingReceipts > 0 && (
          <Alert color="red">{t('proof.missingReceipts', { count: missingReceipts })}</Alert>
        )}
        <Textarea
          label={t('proof.statementLabel')}
          autosize
          minRows={6}
          maxLength={20000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group>
          <Button variant="light" loading={busy === 'save'} onClick={() => void save()}>
            {t('proof.save')}
          </Button>
          <Button loading={busy === 'submit'} onClick={() => void submit()}>
            {t('proof.submit')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function DecisionSection({ proofOfUseId }: { proofOfUseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'ACCEPT' | 'REQUEST_CHANGES') => {
    setError(null);
    setCommentError(null);
    if (decision === 'REQUEST_CHANGES' && !comment.trim()) {
      setCommentError(t('proof.commentRequired'));
      return;
    }
    setBusy(true);
    const input = { proofOfUseId, decision, ...(comment.trim() ? { comment } : {}) };
    try {
      await request(DecideProofOfUseMutation, {
        input: { ...input, idempotencyKey: idempotency.keyFor(input) },
      });
      idempotency.done();
      notifySuccess(decision === 'ACCEPT' ? t('proof.acceptedNow') : t('proof.sentBack'));
      await queryClient.invalidateQueries({ queryKey: ['proofOfUse', proofOfUseId] });
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('proof.decide')} description={t('proof.decideHint')}>
      <Stack>
        <FormAlert message={error} />
        <Textarea
          label={t('proof.comment')}
          autosize
          minRows={3}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={commentError}
        />
        <Group>
          <Button loading={busy} onClick={() => void decide('ACCEPT')}>
            {t('proof.accept')}
          </Button>
          <Button variant="default" loading={busy} onClick={() => void decide('REQUEST_CHANGES')}>
            {t('proof.requestChanges')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function ReceiptLink({ id, fileName }: { id: string; fileName: string }) {
  const { t } = useTranslation();
  const open = async () => {
    try {
      const { createAttachmentDownloadLink } = await request(ReceiptLinkMutation, {
        attachmentId: id,
      });
      const a = document.createElement('a');
      a.href = createAttachmentDownloadLink.url;
      a.download = fileName;
      a.click();
    } catch {
      notifyError(t('proof.receiptFailed'));
    }
  };
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      px={0}
      onClick={() => void open()}
      aria-label={t('proof.openReceipt', { file: fileName })}
    >
      {fileName}
    </Button>
  );
}

function DownloadSection({
  proofOfUseId,
  available,
}: {
  proofOfUseId: string;
  available: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  if (!available) return null;
  const make = async (format: 'PDF' | 'XLSX') => {
    setBusy(format);
    try {
      const { requestReport } = await request(RequestProofReportMutation, {
        input: { kind: 'PROOF_OF_USE', format, proofOfUseId },
      });
      await navigate({ to: '/reports/$reportId', params: { reportId: requestReport.id } });
    } catch (e) {
      notifyError(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title={t('proof.download')} description={t('proof.downloadHint')}>
      <Group>
        <Button variant="light" loading={busy === 'PDF'} onClick={() => void make('PDF')}>
          {t('proof.pdf')}
        </Button>
        <Button variant="light" loading={busy === 'XLSX'} onClick={() => void make('XLSX')}>
          {t('proof.xlsx')}
        </Button>
      </Group>
    </Section>
  );
}
