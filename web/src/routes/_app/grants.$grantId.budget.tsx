import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../ui/coming-soon';

export const Route = createFileRoute('/_app/grants/$grantId/budget')({ component: Placeholder });

function Placeholder() {
  const { t } = useTranslation();
  return <ComingSoon title={t('pages.grantBudget')} what={t('comingSoon.grantBudget')} />;
}
