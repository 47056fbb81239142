import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ComingSoon } from '../../ui/coming-soon';

export const Route = createFileRoute('/_app/applications/$applicationId')({
  component: Placeholder,
});

function Placeholder() {
  const { t } = useTranslation();
  return <ComingSoon title={t('pages.application')} what={t('comingSoon.application')} />;
}
