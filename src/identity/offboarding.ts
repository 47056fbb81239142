// What ends with a person's standing in an organisation. When an owner is removed or demoted, or a
// person deletes their account, the doors they opened close in the same transaction: their API
// keys and pending invitations here, and whatever other modules register (their webhook endpoints).
import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../core/context/request-context';

export type OffboardingCause = 'removed' | 'demoted' | 'account-deleted';

export interface Leaver {
  organizationId: string;
  personId: string;
  cause: OffboardingCause;
}

/** A step another module runs inside the membership change's transaction. */
export type OffboardingStep = (tx: RequestContext, leaver: Leaver) => Promise<void>;

@Injectable()
export class OffboardingSteps {
  private readonly steps: OffboardingStep[] = [];

  register(step: OffboardingStep): void {
    this.steps.push(step);
  }

  async run(tx: RequestContext, leaver: Leaver): Promise<void> {
    for (const step of this.steps) await step(tx, leaver);
  }
}
