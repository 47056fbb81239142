// "Show more" under a list paged by an infinite query: shown while there is a next page.
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="default"
      loading={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
      w="fit-content"
    >
      {t('common.loadMore')}
    </Button>
  );
}
