import { createFileRoute } from '@tanstack/react-router';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/page';
import { Loading } from '../../ui/states';

const Explorer = lazy(() => import('../../features/explorer/explorer'));

export const Route = createFileRoute('/_app/explorer')({ component: ExplorerPage });

function ExplorerPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('explorer.title')} description={t('explorer.description')}>
      <Suspense fallback={<Loading />}>
        <Explorer />
      </Suspense>
    </Page>
  );
}
