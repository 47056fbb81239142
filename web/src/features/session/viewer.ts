// Who is signed in, the organisation acted for and their memberships: the app shell's one query.
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { graphql, type ResultOf } from '../../lib/graphql';
import { request } from '../../lib/client';
import { session, useOrganizationId, useSession } from '../../lib/session';

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
        openData {
          orgIdentifier
          grantIdPrefix
        }
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

/** Keyed by person and organisation, so switching either loads the right viewer. */
export const viewerQuery = (
  personId = session.get()?.personId ?? null,
  organizationId = session.organizationId(),
) =>
  queryOptions({
    queryKey: ['viewer', personId, organizationId],
    queryFn: () => request(ViewerQuery),
    staleTime: 15_000,
  });

export function useViewer(): Viewer {
  const personId = useSession()?.personId ?? null;
  const organizationId = useOrganizationId();
  return useSuspenseQuery(viewerQuery(personId, organizationId)).data;
}

export type Role = Viewer['me']['roles'][number];

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return viewer.me.roles.some((r) => roles.includes(r));
}
