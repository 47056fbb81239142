// Which side of a grant the person acts for, and what their role lets them do with its money.
import { useViewer } from '../session/viewer';

export function useGrantSide() {
  const viewer = useViewer();
  const kind = viewer.me.organization?.kind;
  const roles: readonly string[] = viewer.me.roles;
  const funder = kind === 'FUNDER';
  return {
    isFunder: funder,
    isGrantee: kind === 'GRANTEE',
    /** Owners and managers decide moves, notices and amendments. */
    canDecide: funder && roles.some((r) => r === 'OWNER' || r === 'MANAGER'),
    /** Owners, managers and finance release tranches and settle refund claims. */
    canRelease: funder && roles.some((r) => r === 'OWNER' || r === 'MANAGER' || r === 'FINANCE'),
  };
}
