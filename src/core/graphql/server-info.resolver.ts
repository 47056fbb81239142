import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/public.decorator';
import { appVersion } from '../config/version';

@ObjectType({ description: 'Facts about this Meilenstein server.' })
export class ServerInfo {
  @Field({ description: 'Version of the running server (semantic versioning).' })
  version!: string;
}

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  @Query(() => ServerInfo, { description: 'Facts about this server; needs no sign-in.' })
  @Public()
  serverInfo(): ServerInfo {
    return { version: appVersion() };
  }
}
