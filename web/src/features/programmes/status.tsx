// A programme's state as people read it, and the moves the API allows from each state
// (DRAFT → OPEN → CLOSED → ARCHIVED; a closed call may reopen).
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgrammeSettings } from './programme-form';

export type ProgrammeStatus = ProgrammeSettings['status'];

export const PROGRAMME_MOVES: Record<ProgrammeStatus, ProgrammeStatus[]> = {
  DRAFT: ['OPEN', 'ARCHIVED'],
  OPEN: ['CLOSED'],
  CLOSED: ['OPEN', 'ARCHIVED'],
  ARCHIVED: [],
};

const COLOR: Record<ProgrammeStatus, string> = {
  DRAFT: 'gray',
  OPEN: 'teal',
  CLOSED: 'orange',
  ARCHIVED: 'dark',
};

export function ProgrammeStatusBadge({ status }: { status: ProgrammeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light">
      {t(`programmes.status.${status}`)}
    </Badge>
  );
}
