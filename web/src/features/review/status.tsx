// An application's state as the funder reads it.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const APPLICATION_STATUSES = [
  'SUBMITTED',
  'INFO_REQUESTED',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number] | 'DRAFT';

const COLOR: Record<ApplicationStatus, string> = {
  DRAFT: 'gray',
  SUBMITTED: 'blue',
  INFO_REQUESTED: 'yellow',
  APPROVED: 'teal',
  REJECTED: 'red',
  WITHDRAWN: 'gray',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light">
      {t(`inbox.status.${status}`)}
    </Badge>
  );
}

/** A weighted score ("3.75") in the person's locale, exactly as the API gives it. */
export function formatScore(score: string, locale: string): string {
  const decimal =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ??
    '.';
  return score.replace('.', decimal);
}
