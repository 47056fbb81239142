import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Allow } from '../core/auth/public.decorator';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { DownloadLink } from '../core/signed-links/download-link.type';
import { uuidArg } from '../core/validation/uuid-arg';
import { Grant } from '../grants/grant.entity';
import { Organization } from '../identity/entities/organization.entity';
import { ADMIN_ROLES, OrganizationKind, Role } from '../identity/roles';
import {
  GrantPublicationInput,
  OpenGrantDataFormat,
  UpdateOpenDataSettingsInput,
} from './dto/open-data.inputs';
import { GrantPublication, OpenDataProfile } from './open-data.entity';
import { OpenDataService } from './open-data.service';

const FUNDER = { orgKinds: [OrganizationKind.FUNDER] };
const FUNDER_PUBLISHES = { orgKinds: [OrganizationKind.FUNDER], roles: [Role.OWNER, Role.MANAGER] };

@Resolver()
export class OpenDataResolver {
  constructor(private readonly service: OpenDataService) {}

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Mutation(() => OpenDataProfile, {
    description:
      'Set how the organisation acted for is named in open grant data (360Giving): its org-id identifier and, for funders, the 360Giving publisher prefix.',
  })
  updateOpenDataSettings(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The settings to change.' }) input: UpdateOpenDataSettingsInput,
  ) {
    return this.service.updateSettings(ctx, input);
  }

  @Allow(FUNDER_PUBLISHES)
  @Mutation(() => Grant, {
    description:
      "Mark one of the funder's grants publishable in its open grant data, or take it out again.",
  })
  setGrantPublication(
    @Ctx() ctx: RequestContext,
    @Args('grantId', { type: () => ID, description: 'The grant.' }) grantId: string,
    @Args('input', { description: 'Whether and how to publish it.' }) input: GrantPublicationInput,
  ) {
    return this.service.setPublication(ctx, uuidArg(grantId, 'Grant'), input);
  }

  @Allow(FUNDER)
  @Query(() => GraphQLJSONObject, {
    description:
      "The programme's publishable grants as a 360Giving Data Standard JSON package (`{ version, publisher, grants: [...] }`); for the programme's funder. CONFLICT (SETTINGS_MISSING, NOTHING_PUBLISHABLE) when there is nothing to publish yet.",
  })
  openGrantData(
    @Ctx() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, description: 'The programme.' }) programmeId: string,
  ) {
    return this.service.package(ctx, uuidArg(programmeId, 'Programme'));
  }

  @Allow(FUNDER)
  @Mutation(() => DownloadLink, {
    description:
      "A short-lived link that downloads the programme's open grant data (360Giving JSON package or spreadsheet); for the programme's funder.",
  })
  createOpenGrantDataDownloadLink(
    @Ctx() ctx: RequestContext,
    @Args('programmeId', { type: () => ID, description: 'The programme.' }) programmeId: string,
    @Args('format', { type: () => OpenGrantDataFormat, description: 'JSON or XLSX.' })
    format: OpenGrantDataFormat,
  ) {
    return this.service.downloadLink(ctx, uuidArg(programmeId, 'Programme'), format);
  }
}

@Resolver(() => Organization)
export class OrganizationOpenDataResolver {
  constructor(private readonly service: OpenDataService) {}

  @ResolveField(() => OpenDataProfile, {
    description: 'How the organisation is named in open grant data (360Giving).',
  })
  openData(@Ctx() ctx: RequestContext, @Parent() organization: Organization) {
    return this.service.settings(ctx, organization.id);
  }
}

@Resolver(() => Grant)
export class GrantPublicationResolver {
  constructor(private readonly service: OpenDataService) {}

  @ResolveField(() => GrantPublication, {
    description: 'Whether the funder publishes the grant in its open grant data (360Giving).',
  })
  publication(@Ctx() ctx: RequestContext, @Parent() grant: Grant) {
    return this.service.publication(ctx, grant.id);
  }
}
