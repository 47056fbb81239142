import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { Node } from '../core/graphql/node.interface';
import { NodeService } from './node.service';

@Resolver()
export class NodeResolver {
  constructor(private readonly nodes: NodeService) {}

  @Allow()
  @Query(() => Node, {
    nullable: true,
    description:
      'Fetch any object by its id (Relay object identification). Another organisation’s object answers NOT_FOUND like an unknown id; an id that is not a UUID is BAD_USER_INPUT.',
  })
  node(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID, description: 'The id of any `Node`.' }) id: string,
  ) {
    return this.nodes.node(ctx, id);
  }
}
