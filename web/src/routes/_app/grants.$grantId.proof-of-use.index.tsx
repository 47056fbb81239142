// A grant's proofs of use (Zwischen- und Verwendungsnachweise): the list with where each stands,
// and — for the grantee — starting an interim one for a period, or the final one once the grant
// ended. The funder sees those submitted.
import { Badge, Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGrantSide } from '../../features/budget/grant-side';
import { GrantMoneyNav } from '../../features/budget/money-nav';
import { GrantProofsQuery, StartProofOfUseMutation } from '../../features/proof/operations';
import { PROOF_STATUS_COLOR } from '../../features/proof/status';
import { ApiError, request } from '../../lib/client';
import { formatDateTime, formatLocalDate } from '../../lib/dates';
import { formattingLocale } from '../../lib/i18n';
import { useIdempotencyKey } from '../../lib/idempotency-key';
import { FormAlert } from '../../ui/form-alert';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/page';
import { Section } from '../../ui/section';
import { Empty, errorText } from '../../ui/states';

export const Route = createFileRoute('/_app/grants/$grantId/proof-of-use/')({
  component: ProofsPage,
});

function ProofsPage() {
  const { t } = useTranslation();
  const locale = formattingLocale();
  const { grantId } = Route.useParams();
  const side = useGrantSide();
  const { data } = useSuspenseQuery({
    queryKey: ['grantProofs', grantId],
    queryFn: () => request(GrantProofsQuery, { grantId }),
  });
  const { grant } = data;
  const proofs = data.proofsOfUse.nodes;
  const day = (d: string) => formatLocalDate(d, locale);
  return (
    <Page
      title={t('proof.title')}
      description={t('budget.description', { reference: grant.reference, title: grant.title })}
    >
      <GrantMoneyNav grantId={grantId} />
      <Section
        title={t('proof.list')}
        description={side.isGrantee ? t('proof.listHintGrantee') : t('proof.listHintFunder')}
      >
        {proofs.length === 0 ? (
          <Empty>{t('proof.empty')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" data-testid="proofs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('proof.kindLabel')}</Table.Th>
                  <Table.Th scope="col">{t('proof.period')}</Table.Th>
                  <Table.Th scope="col">{t('proof.statusLabel')}</Table.Th>
                  <Table.Th scope="col">{t('proof.changed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proofs.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/grants/$grantId/proof-of-use/$proofOfUseId"
                        params={{ grantId, proofOfUseId: p.id }}
                      >
                        {t(`proof.kind.${p.kind}`)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      {t('proof.periodValue', { from: day(p.periodFrom), to: day(p.periodTo) })}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={PROOF_STATUS_COLOR[p.status] ?? 'gray'}>
                        {t(`proof.status.${p.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(p.updatedAt, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
      {side.isGrantee && (
        <StartForm
          grantId={grantId}
          ended={grant.status !== 'ACTIVE'}
          defaultFrom={grant.startDate}
        />
      )}
    </Page>
  );
}

function StartForm({
  grantId,
  ended,
  defaultFrom,
}: {
  grantId: string;
  ended: boolean;
  defaultFrom: string;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const idempotency = useIdempotencyKey();
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async (input: {
    grantId: string;
    kind: 'INTERIM' | 'FINAL';
    periodFrom?: string;
    periodTo?: string;
  }) => {
    setTopError(null);
    setErrors({});
    setBusy(true);
    try {
      const { startProofOfUse } = await request(StartProofOfUseMutation, {
        input: { ...input, idempotencyKey: idempotency.keyFor(input) },
      });
      idempotency.done();
      await navigate({
        to: '/grants/$grantId/proof-of-use/$proofOfUseId',
        params: { grantId, proofOfUseId: startProofOfUse.id },
      });
    } catch (error) {
      const de = i18n.language.startsWith('de');
      if (error instanceof ApiError && error.fields.length)
        setErrors(
          Object.fromEntries(
            error.fields.map((f) => [f.field, de ? (f.messageDe ?? f.message) : f.message]),
          ),
        );
      setTopError(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const missing = {
      ...(!from ? { periodFrom: t('proof.dateRequired') } : {}),
      ...(!to ? { periodTo: t('proof.dateRequired') } : {}),
    };
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    void start({ grantId, kind: 'INTERIM', periodFrom: from, periodTo: to });
  };
  return (
    <Section title={t('proof.startTitle')} description={t('proof.startHint')}>
      <form onSubmit={submit} noValidate aria-label={t('proof.startTitle')}>
        <Stack maw={560}>
          <FormAlert message={topError} />
          <Group align="flex-start" grow>
            <TextInput
              type="date"
              label={t('proof.periodFrom')}
              required
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              error={errors.periodFrom}
            />
            <TextInput
              type="date"
              label={t('proof.periodTo')}
              required
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={errors.periodTo}
            />
          </Group>
          <Group>
            <Button type="submit" loading={busy}>
              {t('proof.startInterim')}
            </Button>
            {ended && (
              <Button
                variant="light"
                loading={busy}
                onClick={() => void start({ grantId, kind: 'FINAL' })}
              >
                {t('proof.startFinal')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
