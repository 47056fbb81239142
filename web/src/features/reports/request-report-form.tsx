// Asking for a report: a grant's report, a programme's portfolio or its learnings digest, as CSV,
// JSON or PDF. The worker makes it; the report's page shows it go from waiting to ready.
import { Button, NativeSelect, Radio, Stack, Group } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../lib/client';
import { FormAlert } from '../../ui/form-alert';
import { errorText } from '../../ui/states';
import { RequestReportMutation } from './operations';

const KINDS = ['GRANT', 'PORTFOLIO', 'LEARNINGS'] as const;
const FORMATS = ['PDF', 'CSV', 'JSON'] as const;

export function RequestReportForm({
  grants,
  programmes,
  initialGrantId,
  initialProgrammeId,
  isFunder,
}: {
  grants: { id: string; label: string }[];
  programmes: { id: string; label: string }[];
  initialGrantId?: string;
  initialProgrammeId?: string;
  isFunder: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const kinds = KINDS.filter((k) => isFunder || k !== 'PORTFOLIO');
  const [kind, setKind] = useState<(typeof KINDS)[number]>(
    initialProgrammeId && isFunder ? 'PORTFOLIO' : 'GRANT',
  );
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('PDF');
  const [grantId, setGrantId] = useState(initialGrantId ?? '');
  const [programmeId, setProgrammeId] = useState(initialProgrammeId ?? '');
  const [subjectError, setSubjectError] = useState<string | null>(null);
  const [topError, setTopError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTopError(null);
    const subject = kind === 'GRANT' ? grantId : programmeId;
    if (!subject) {
      setSubjectError(kind === 'GRANT' ? t('reports.pickGrant') : t('reports.pickProgramme'));
      return;
    }
    setSubjectError(null);
    setBusy(true);
    try {
      const { requestReport } = await request(RequestReportMutation, {
        input: {
          kind,
          format,
          ...(kind === 'GRANT' ? { grantId } : { programmeId }),
        },
      });
      await navigate({ to: '/reports/$reportId', params: { reportId: requestReport.id } });
    } catch (error) {
      setTopError(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('reports.formLabel')}>
      <Stack maw={640}>
        <FormAlert message={topError} />
        <Radio.Group
          label={t('reports.kindLabel')}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setSubjectError(null);
          }}
        >
          <Group mt="xs">
            {kinds.map((k) => (
              <Radio key={k} value={k} label={t(`reports.kind.${k}`)} />
            ))}
          </Group>
        </Radio.Group>
        {kind === 'GRANT' ? (
          <NativeSelect
            label={t('reports.grant')}
            required
            value={grantId}
            onChange={(e) => setGrantId(e.currentTarget.value)}
            error={subjectError}
            data={[
              { value: '', label: t('reports.choose') },
              ...grants.map((g) => ({ value: g.id, label: g.label })),
            ]}
          />
        ) : (
          <NativeSelect
            label={t('reports.programme')}
            required
            value={programmeId}
            onChange={(e) => setProgrammeId(e.currentTarget.value)}
            error={subjectError}
            data={[
              { value: '', label: t('reports.choose') },
              ...programmes.map((p) => ({ value: p.id, label: p.label })),
            ]}
          />
        )}
        <Radio.Group label={t('reports.formatLabel')} value={format} onChange={(v) => setFormat(v)}>
          <Group mt="xs">
            {FORMATS.map((f) => (
              <Radio key={f} value={f} label={t(`report.format.${f}`)} />
            ))}
          </Group>
        </Radio.Group>
        <div>
          <Button type="submit" loading={busy}>
            {t('reports.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
