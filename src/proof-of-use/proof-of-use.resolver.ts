import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Connection } from '../core/pagination/connection';
import { uuidArg } from '../core/validation/uuid-arg';
import { FUNDER_DECIDES, GRANTEE } from '../identity/access/policies';
import {
  DecideProofOfUseInput,
  ProofsOfUseArgs,
  StartProofOfUseInput,
  SubmitProofOfUseInput,
  UpdateProofOfUseInput,
} from './dto/proof-of-use.inputs';
import { ProofOfUseFigures } from './dto/proof-of-use.types';
import { ProofOfUse, ProofOfUseDecision } from './proof-of-use.entity';
import { ProofOfUseService } from './proof-of-use.service';

export const ProofOfUseConnection = Connection(ProofOfUse);

@Resolver(() => ProofOfUse)
export class ProofOfUseResolver {
  constructor(private readonly service: ProofOfUseService) {}

  @Allow()
  @Query(() => ProofOfUseConnection, {
    description:
      "A grant's proofs of use, newest first (the funder and its auditors see those submitted).",
  })
  proofsOfUse(@Ctx() ctx: RequestContext, @Args() args: ProofsOfUseArgs) {
    return this.service.list(ctx, { ...args, grantId: uuidArg(args.grantId, 'Grant') });
  }

  @Allow()
  @Query(() => ProofOfUse, { description: 'One proof of use, with its compiled figures.' })
  proofOfUse(
    @Ctx() ctx: RequestContext,
    @Args('proofOfUseId', { type: () => ID, description: 'The proof of use.' }) id: string,
  ) {
    return this.service.get(ctx, uuidArg(id, 'ProofOfUse'));
  }

  @ResolveField(() => ProofOfUseFigures, {
    description:
      'What it compiles for its period: statement per line, receipts, tranches received, reallocations and refund.',
  })
  figures(@Ctx() ctx: RequestContext, @Parent() proof: ProofOfUse) {
    return this.service.figures(ctx, proof);
  }

  @ResolveField(() => [ProofOfUseDecision], {
    description: "The funder's decisions, oldest first (one per submitted version).",
  })
  decisions(@Ctx() ctx: RequestContext, @Parent() proof: ProofOfUse) {
    return this.service.decisions(ctx, proof.id);
  }

  @Allow(GRANTEE)
  @Mutation(() => ProofOfUse, {
    description:
      'Start a proof of use (grantee): an interim one for a period, or the final one once the grant ended. One per period.',
  })
  startProofOfUse(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The grant, the kind and the period.' })
    input: StartProofOfUseInput,
  ) {
    return this.service.start(ctx, input);
  }

  @Allow(GRANTEE)
  @Mutation(() => ProofOfUse, {
    description: 'Save the closing statement of a proof of use in draft or sent back (grantee).',
  })
  updateProofOfUse(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The proof of use and its statement.' })
    input: UpdateProofOfUseInput,
  ) {
    return this.service.update(ctx, input);
  }

  @Allow(GRANTEE)
  @Mutation(() => ProofOfUse, {
    description:
      "Submit a proof of use to the funder (grantee). Needs a closing statement, and where the programme's rule is ATTACHED a receipt on every spend entry of the period.",
  })
  submitProofOfUse(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The proof of use.' }) input: SubmitProofOfUseInput,
  ) {
    return this.service.submit(ctx, input);
  }

  @Allow(FUNDER_DECIDES)
  @Mutation(() => ProofOfUse, {
    description: 'Accept a submitted proof of use, or ask for changes with a comment (funder).',
  })
  decideProofOfUse(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The proof of use, the decision and a comment.' })
    input: DecideProofOfUseInput,
  ) {
    return this.service.decide(ctx, input);
  }
}
