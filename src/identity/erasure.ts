// Erasing an account ("delete my account") reaches beyond identity's own tables: other modules keep
// a person's contact data where they were named as someone to contact (an application's contact
// person). Each such module registers a step here; the steps run in the erase's transaction, so
// the account and every copy of its data go together or not at all.
import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../core/context/request-context';

export interface ErasedPerson {
  personId: string;
  /** The email address and name being erased (as they were before the erase). */
  email: string;
  displayName: string;
  /** The organisations they were a member of when they erased their account. */
  organizationIds: string[];
}

/** A step another module runs inside the erase's transaction. */
export type ErasureStep = (tx: RequestContext, person: ErasedPerson) => Promise<void>;

@Injectable()
export class ErasureSteps {
  private readonly steps: ErasureStep[] = [];

  register(step: ErasureStep): void {
    this.steps.push(step);
  }

  async run(tx: RequestContext, person: ErasedPerson): Promise<void> {
    for (const step of this.steps) await step(tx, person);
  }
}
