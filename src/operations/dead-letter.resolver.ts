// Dead letters for platform administrators: the list (paginated, unresolved unless asked) and
// running one again at the worker's next sweep, audited. The command line offers the same.
import { Args, ArgsType, Field, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { AuditService } from '../core/audit/audit.service';
import { PlatformAdminOnly } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Database } from '../core/database/database.service';
import { Connection, PageArgs } from '../core/pagination/connection';
import { DeadLetter } from '../core/queue/dead-letter.entity';
import { DeadLetterService } from '../core/queue/dead-letter.service';

export const DeadLetterConnection = Connection(DeadLetter);

@ArgsType()
export class DeadLettersArgs extends PageArgs {
  @Field({ nullable: true, description: 'Include resolved ones too (default: unresolved only).' })
  @IsOptional()
  @IsBoolean()
  includeResolved?: boolean;
}

@Resolver(() => DeadLetter)
export class DeadLetterResolver {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly service: DeadLetterService,
  ) {}

  @PlatformAdminOnly()
  @Query(() => DeadLetterConnection, {
    description: 'Jobs that failed for good, newest first (platform administrators only).',
  })
  deadLetters(@Ctx() ctx: RequestContext, @Args() args: DeadLettersArgs) {
    const { includeResolved, ...page } = args;
    return this.service.page(ctx, page, includeResolved ?? false);
  }

  @PlatformAdminOnly()
  @Mutation(() => DeadLetter, {
    description:
      "Runs an unresolved dead letter again at the worker's next sweep (platform administrators only).",
  })
  retryDeadLetter(
    @Ctx() ctx: RequestContext,
    @Args('deadLetterId', { type: () => ID, description: 'The dead letter.' }) id: string,
  ): Promise<DeadLetter> {
    return this.db.transaction(ctx, async (tx) => {
      const { before, after } = await this.service.makeDue(tx, id);
      await this.audit.record(tx, {
        action: 'dead-letter.retry-requested',
        subjectType: 'DeadLetter',
        subjectId: before.id,
        organizationId: null,
        before: { nextRetryAt: before.nextRetryAt, retries: before.retries },
        after: { nextRetryAt: after.nextRetryAt },
      });
      return after;
    });
  }
}
