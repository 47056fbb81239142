import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../ui/coming-soon';

export const Route = createFileRoute('/_app/applications/')({ component: Placeholder });

function Placeholder() {
  const { t } = useTranslation();
  return <ComingSoon title={t('nav.applications')} what={t('comingSoon.applications')} />;
}
