// Paging through a connection with TanStack Query's infinite queries: the cursor of the next page,
// or none at the end.
export function nextPageCursor(pageInfo: {
  hasNextPage: boolean;
  endCursor?: string | null;
}): string | undefined {
  return pageInfo.hasNextPage ? (pageInfo.endCursor ?? undefined) : undefined;
}
