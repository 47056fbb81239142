// An application names a contact person (name and email). When that person erases their account,
// the contact fields that hold their data are cleared — on the application and in every frozen
// submitted version — in the erase's transaction, one audit event per application. Their data is
// recognised by the email address (in any organisation's application) or, within the
// organisations they belonged to, by their exact name.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '../core/audit/audit.service';
import type { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { ErasedPerson, ErasureSteps } from '../identity/erasure';

@Injectable()
export class ApplicationContactErasure implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly erasure: ErasureSteps,
  ) {}

  onModuleInit(): void {
    this.erasure.register((tx, person) => this.forget(tx, person).then(() => undefined));
  }

  /** Clears the contact fields holding `person`'s data; answers the applications changed. */
  async forget(tx: RequestContext, person: ErasedPerson): Promise<string[]> {
    const params = [person.email.trim(), person.displayName.trim(), person.organizationIds];
    const manager = this.db.manager(tx);
    // $1 email, $2 name, $3 their organisations; `e`/`n`: does the email / the name hold theirs.
    const match = (email: string, name: string, org: string) => ({
      e: `lower(trim(${email})) = lower($1)`,
      n: `(lower(trim(${email})) = lower($1)
            OR (${org} = ANY($3::uuid[]) AND $2 <> '' AND lower(trim(${name})) = lower($2)))`,
    });
    const a = match('contact_email', 'contact_name', 'grantee_organization_id');
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [rows] = await manager.query<[{ id: string; organization_id: string }[], number]>(
      `UPDATE application
          SET contact_email = CASE WHEN ${a.e} THEN '' ELSE contact_email END,
              contact_name = CASE WHEN ${a.n} THEN '' ELSE contact_name END
        WHERE ${a.n}
        RETURNING id, grantee_organization_id AS organization_id`,
      params,
    );
    const v = match(
      "v.snapshot->>'contactEmail'",
      "v.snapshot->>'contactName'",
      'a.grantee_organization_id',
    );
    await manager.query(
      `UPDATE application_version v
          SET snapshot = v.snapshot
                || CASE WHEN ${v.e} THEN '{"contactEmail": ""}'::jsonb ELSE '{}'::jsonb END
                || CASE WHEN ${v.n} THEN '{"contactName": ""}'::jsonb ELSE '{}'::jsonb END
         FROM application a
        WHERE a.id = v.application_id AND ${v.n}`,
      params,
    );
    for (const row of rows)
      await this.audit.record(tx, {
        action: 'application.contact-erased',
        subjectType: 'Application',
        subjectId: row.id,
        organizationId: row.organization_id,
        after: { erasedPersonId: person.personId },
      });
    return rows.map((r) => r.id);
  }
}
