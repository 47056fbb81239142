// Query options of the application pages, keyed so a mutation can refresh what it changed.
import { queryOptions } from '@tanstack/react-query';
import { request } from '../../lib/client';
import { ApplicationQuery, MyApplicationsQuery } from './operations';

export const applicationQuery = (applicationId: string) =>
  queryOptions({
    queryKey: ['application', applicationId],
    queryFn: () => request(ApplicationQuery, { applicationId }),
    // A draft is edited here; the form starts from what the API holds now, never an older copy.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });

export const myApplicationsQuery = () =>
  queryOptions({
    queryKey: ['applications', 'mine'],
    queryFn: () => request(MyApplicationsQuery, {}),
  });
