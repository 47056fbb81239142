// While a grantee edits an application after a request for information, the funder keeps seeing
// what was last submitted — never the unsubmitted edits.
import { In } from 'typeorm';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { OrganizationKind } from '../identity/roles';
import { Application, ApplicationVersion, PlannedLine, PlannedSprint } from './application.entity';
import { ApplicationStatus } from './application.enums';

interface Snapshot {
  title: string;
  summary: string;
  problem: string;
  approach: string;
  requestedAmountMinor: string | null;
  currency: string | null;
  budgetLines: PlannedLine[];
  sprintPlan: PlannedSprint[];
  contactName: string;
  contactEmail: string;
}

export async function asFunderSees(
  db: Database,
  ctx: RequestContext,
  applications: Application[],
): Promise<Application[]> {
  if (ctx.organizationKind !== OrganizationKind.FUNDER) return applications;
  const editing = applications.filter(
    (a) => a.status === ApplicationStatus.INFO_REQUESTED && a.version > 0,
  );
  if (editing.length === 0) return applications;
  const versions = await db
    .repo(ctx, ApplicationVersion)
    .find({ where: { applicationId: In(editing.map((a) => a.id)) } });
  const latest = new Map<string, ApplicationVersion>();
  for (const v of versions)
    if ((latest.get(v.applicationId)?.version ?? 0) < v.version) latest.set(v.applicationId, v);
  return applications.map((a) => {
    const version = latest.get(a.id);
    if (a.status !== ApplicationStatus.INFO_REQUESTED || !version) return a;
    const s = version.snapshot as Snapshot;
    return Object.assign(Object.create(Object.getPrototypeOf(a) as object) as Application, a, {
      title: s.title,
      summary: s.summary,
      problem: s.problem,
      approach: s.approach,
      requestedAmountMinor: s.requestedAmountMinor === null ? null : BigInt(s.requestedAmountMinor),
      currency: s.currency,
      budgetLines: s.budgetLines,
      sprintPlan: s.sprintPlan,
      contactName: s.contactName,
      contactEmail: s.contactEmail,
    });
  });
}
