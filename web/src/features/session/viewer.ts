// Who is signed in, the organisation acted for and their memberships: the app shell's one query.
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../lib/graphql';
import { request } from '../../lib/client';
import { session } from '../../lib/session';

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      person {
        id
        displayName
        email
        language
        emailVerified
      }
      organization {
        id
        name
        kind
        formOfAddress
        language
        country
      }
      roles
      memberships {
        id
        role
        organization {
          id
          name
          kind
        }
      }
    }
    unreadNotificationCount
  }
`);

export type Viewer = ResultOf<typeof ViewerQuery>;

export const viewerQuery = () =>
  queryOptions({
    queryKey: ['viewer', session.get()?.personId ?? null, session.organizationId()],
    queryFn: () => request(ViewerQuery),
    staleTime: 15_000,
  });

export function useViewer(): Viewer {
  return useSuspenseQuery(viewerQuery()).data;
}

export type Role = Viewer['me']['roles'][number];

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return viewer.me.roles.some((r) => roles.includes(r));
}
