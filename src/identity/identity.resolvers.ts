// GraphQL operations of identity and tenancy. Thin: an access declaration, then one service call.
import { RateLimit, RateLimitKind } from '../core/rate-limit/rate-limit';
import {
  ArgsType,
  Args,
  Field,
  ID,
  InputType,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Allow, Public, SignedIn } from '../core/auth/public.decorator';
import { uuidArg } from '../core/validation/uuid-arg';
import { Ctx } from '../core/context/ctx.decorator';
import { RequestContext } from '../core/context/request-context';
import { PageArgs } from '../core/pagination/connection';
import { ApiKeyService } from './api-key.service';
import { AuditLogService } from './audit-log.service';
import { Http, HttpExchange, SessionCookie } from './access/session-cookie';
import { AccountService } from './account.service';
import {
  AcceptInvitationInput,
  ChangePasswordArgs,
  CreateApiKeyInput,
  InviteMemberInput,
  LinkTokenArgs,
  LogInInput,
  RefreshSessionArgs,
  RequestEmailChangeArgs,
  RequestPasswordResetArgs,
  ResetPasswordArgs,
  SignUpInput,
  UpdateMyProfileInput,
  UpdateOrganizationInput,
  VerifyEmailArgs,
} from './dto/identity.inputs';
import {
  ApiKeyConnection,
  AuditEventConnection,
  AuthPayload,
  CreatedApiKey,
  InvitationConnection,
  InvitationPreview,
  InvitationStatus,
  MembershipConnection,
  SignUpResult,
  Viewer,
} from './dto/identity.types';
import { ApiKey } from './entities/api-key.entity';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';
import { IdentityLoaders } from './identity.loaders';
import { InvitationService, invitationStatus } from './invitation.service';
import { MembershipService } from './membership.service';
import { OrganizationService } from './organization.service';
import { PersonalDataService } from './personal-data.service';
import { ADMIN_ROLES, Role } from './roles';
import { SessionService } from './session.service';
import { ViewerService } from './viewer.service';

@InputType({ description: 'Narrows the audit trail down.' })
export class AuditEventFilter {
  @Field({
    nullable: true,
    description: 'Only events about this kind of object, e.g. `Membership`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  subjectType?: string;

  @Field(() => ID, { nullable: true, description: 'Only events about this object.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @Field({
    nullable: true,
    description: 'Only events of this action, e.g. `membership.role-changed`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
}

@ArgsType()
export class InvitationsArgs extends PageArgs {
  @Field(() => InvitationStatus, { nullable: true, description: 'Only invitations in this state.' })
  @IsOptional()
  @IsEnum(InvitationStatus)
  status?: InvitationStatus;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true, description: 'Narrow the list down.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilter)
  filter?: AuditEventFilter;
}

@Resolver()
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly cookie: SessionCookie,
    private readonly viewer: ViewerService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Public()
  @Mutation(() => SignUpResult, {
    description:
      'Create an account and its first organisation (you become its owner) and email a verification link. Does not sign in: verifyEmail does. An address that already has an account gets the same answer (its owner is emailed instead). FUNDER organisations may need an invitation (SIGNUP_FUNDERS).',
  })
  @RateLimit(RateLimitKind.SIGN_UP)
  signUp(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The person and their first organisation.' }) input: SignUpInput,
  ): Promise<SignUpResult> {
    return this.sessions.signUp(ctx, input);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Sign in with email and password. Repeated failures are throttled.',
  })
  @RateLimit(RateLimitKind.LOG_IN)
  logIn(
    @Ctx() ctx: RequestContext,
    @Http() http: HttpExchange,
    @Args('input', { description: 'Email and password.' }) input: LogInInput,
  ): Promise<AuthPayload> {
    return this.cookie.deliver(http, input.refreshTokenTransport, this.sessions.logIn(ctx, input));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Exchange a refresh token for new tokens. Each refresh token works once; reusing one ends the session. Without the argument the `meilenstein_refresh` cookie is used (browsers).',
  })
  refreshSession(
    @Ctx() ctx: RequestContext,
    @Http() http: HttpExchange,
    @Args() args: RefreshSessionArgs,
  ): Promise<AuthPayload> {
    return this.cookie.refresh(http, args, (token) => this.sessions.refresh(ctx, token));
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      'End the current session: its access and refresh tokens stop working; the refresh cookie is cleared.',
  })
  logOut(@Ctx() ctx: RequestContext, @Http() http: HttpExchange): Promise<boolean> {
    this.cookie.clear(http);
    return this.sessions.logOut(ctx);
  }

  @SignedIn()
  @Query(() => Viewer, {
    description: 'The signed-in person, their memberships and the organisation acted for.',
  })
  me(@Ctx() ctx: RequestContext): Promise<Viewer> {
    return this.viewer.viewer(ctx);
  }

  @SignedIn()
  @Query(() => GraphQLJSONObject, {
    description: 'Everything Meilenstein stores about you, as JSON (GDPR Art. 15 and 20).',
  })
  exportMyData(@Ctx() ctx: RequestContext): Promise<Record<string, unknown>> {
    return this.personalData.export(ctx);
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      'Delete your account: name and email are anonymised, sessions and your API keys end; funding records and the audit trail stay.',
  })
  deleteMyAccount(
    @Ctx() ctx: RequestContext,
    @Args('password', { description: 'Your password, to confirm.' }) password: string,
  ): Promise<boolean> {
    return this.personalData.deleteAccount(ctx, password.slice(0, 300));
  }
}

/** A person's own account: email verification, password reset and change, address, profile. */
@Resolver()
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Confirm your email address with the token from the emailed link (/verify-email?token=…); signs you in.',
  })
  verifyEmail(
    @Ctx() ctx: RequestContext,
    @Http() http: HttpExchange,
    @Args() args: VerifyEmailArgs,
  ): Promise<AuthPayload> {
    return this.cookie.deliver(
      http,
      args.refreshTokenTransport,
      this.accounts.verifyEmail(ctx, args.token),
    );
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      'Email a new verification link (at most one a minute and five an hour). CONFLICT when already verified.',
  })
  resendVerificationEmail(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.accounts.resendVerification(ctx);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Email a password reset link (valid 1 hour, single use) if the address has an account. Always answers true; throttled per address and IP.',
  })
  @RateLimit(RateLimitKind.PASSWORD_RESET)
  requestPasswordReset(
    @Ctx() ctx: RequestContext,
    @Args() args: RequestPasswordResetArgs,
  ): Promise<boolean> {
    return this.accounts.requestPasswordReset(ctx, args.email);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Set a new password with the token from the emailed link (/reset-password?token=…). Ends all your sessions; sign in afterwards.',
  })
  resetPassword(@Ctx() ctx: RequestContext, @Args() args: ResetPasswordArgs): Promise<boolean> {
    return this.accounts.resetPassword(ctx, args.token, args.newPassword);
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description: 'Change your password. Your other sessions end; this one stays.',
  })
  changePassword(@Ctx() ctx: RequestContext, @Args() args: ChangePasswordArgs): Promise<boolean> {
    return this.accounts.changePassword(ctx, args.currentPassword, args.newPassword);
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      'Ask to change your email address: a confirmation link (valid 24 hours) goes to the new address.',
  })
  requestEmailChange(
    @Ctx() ctx: RequestContext,
    @Args() args: RequestEmailChangeArgs,
  ): Promise<boolean> {
    return this.accounts.requestEmailChange(ctx, args.newEmail, args.password);
  }

  @Public()
  @Mutation(() => Boolean, {
    description:
      'Switch to the new address with the token from the emailed link (/confirm-email?token=…); the old address is told.',
  })
  confirmEmailChange(@Ctx() ctx: RequestContext, @Args() args: LinkTokenArgs): Promise<boolean> {
    return this.accounts.confirmEmailChange(ctx, args.token);
  }

  @SignedIn()
  @Mutation(() => Person, { description: 'Change your name or language.' })
  updateMyProfile(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The changes.' }) input: UpdateMyProfileInput,
  ): Promise<Person> {
    return this.accounts.updateProfile(ctx, input);
  }
}

@Resolver(() => Person)
export class PersonResolver {
  @ResolveField(() => Boolean, {
    description: 'Whether the person confirmed their email address.',
  })
  emailVerified(@Parent() person: Person): boolean {
    return Boolean(person.emailVerifiedAt);
  }
}

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @Allow()
  @Query(() => Organization, {
    description: 'The organisation acted for (X-Organization-Id header or the session default).',
  })
  currentOrganization(@Ctx() ctx: RequestContext): Promise<Organization> {
    return this.organizations.current(ctx);
  }

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Mutation(() => Organization, {
    description: 'Change name, country, language or form of address of the organisation acted for.',
  })
  updateOrganization(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'The settings to change.' }) input: UpdateOrganizationInput,
  ): Promise<Organization> {
    return this.organizations.update(ctx, input);
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(
    private readonly memberships: MembershipService,
    private readonly loaders: IdentityLoaders,
  ) {}

  @Allow()
  @Query(() => MembershipConnection, { description: 'Members of the organisation acted for.' })
  members(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.memberships.list(ctx, page);
  }

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Mutation(() => Membership, {
    description: "Change a member's role. Only owners change owners; the last owner stays owner.",
  })
  changeMemberRole(
    @Ctx() ctx: RequestContext,
    @Args('membershipId', { type: () => ID, description: 'The membership to change.' })
    membershipId: string,
    @Args('role', { type: () => Role, description: 'The new role.' }) role: Role,
  ): Promise<Membership> {
    return this.memberships.changeRole(ctx, uuidArg(membershipId, 'Membership'), role);
  }

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Mutation(() => Membership, {
    description: 'Remove a member from the organisation. The last owner cannot be removed.',
  })
  removeMember(
    @Ctx() ctx: RequestContext,
    @Args('membershipId', { type: () => ID, description: 'The membership to end.' })
    membershipId: string,
  ): Promise<Membership> {
    return this.memberships.remove(ctx, uuidArg(membershipId, 'Membership'));
  }

  @ResolveField(() => Person, { description: 'The member.' })
  async person(
    @Ctx() ctx: RequestContext,
    @Parent() membership: Membership,
  ): Promise<Person | null> {
    return this.loaders.person(ctx).load(membership.personId);
  }

  @ResolveField(() => Organization, { description: 'The organisation.' })
  async organization(
    @Ctx() ctx: RequestContext,
    @Parent() membership: Membership,
  ): Promise<Organization | null> {
    return this.loaders.organization(ctx).load(membership.organizationId);
  }
}

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(
    private readonly invitationService: InvitationService,
    private readonly loaders: IdentityLoaders,
    private readonly cookie: SessionCookie,
  ) {}

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Query(() => InvitationConnection, {
    description: 'Invitations of the organisation acted for, newest first.',
  })
  invitations(@Ctx() ctx: RequestContext, @Args() args: InvitationsArgs) {
    const { status, ...page } = args;
    return this.invitationService.list(ctx, page, status);
  }

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Mutation(() => Invitation, {
    description:
      'Invite someone by email with a role; they get an email with a single-use link valid for 7 days.',
  })
  inviteMember(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Email and role of the invitee.' }) input: InviteMemberInput,
  ): Promise<Invitation> {
    return this.invitationService.invite(ctx, input);
  }

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Mutation(() => Invitation, { description: 'Withdraw a pending invitation.' })
  revokeInvitation(
    @Ctx() ctx: RequestContext,
    @Args('invitationId', { type: () => ID, description: 'The invitation to withdraw.' })
    invitationId: string,
  ): Promise<Invitation> {
    return this.invitationService.revoke(ctx, uuidArg(invitationId, 'Invitation'));
  }

  @Allow({ roles: ADMIN_ROLES, humansOnly: true })
  @Mutation(() => Invitation, {
    description:
      'Send a pending or expired invitation again: new link, new expiry; the old link stops working.',
  })
  resendInvitation(
    @Ctx() ctx: RequestContext,
    @Args('invitationId', { type: () => ID, description: 'The invitation to send again.' })
    invitationId: string,
  ): Promise<Invitation> {
    return this.invitationService.resend(ctx, uuidArg(invitationId, 'Invitation'));
  }

  @Public()
  @Query(() => InvitationPreview, {
    description:
      'What an invitation link offers (organisation, role, address, whether it has an account). NOT_FOUND for unknown, used, withdrawn or expired links.',
  })
  invitation(@Ctx() ctx: RequestContext, @Args() args: LinkTokenArgs): Promise<InvitationPreview> {
    return this.invitationService.preview(ctx, args.token);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description:
      'Accept an invitation and sign in acting for the inviting organisation. New people give a name and password; people with an account are signed in as the invited address or give its password.',
  })
  acceptInvitation(
    @Ctx() ctx: RequestContext,
    @Http() http: HttpExchange,
    @Args('input', {
      description: 'The token from the email, and name and password for a new account.',
    })
    input: AcceptInvitationInput,
  ): Promise<AuthPayload> {
    return this.cookie.deliver(
      http,
      input.refreshTokenTransport,
      this.invitationService.accept(ctx, input),
    );
  }

  @ResolveField(() => InvitationStatus, { description: 'Pending, accepted, expired or revoked.' })
  status(@Parent() invitation: Invitation): InvitationStatus {
    return invitationStatus(invitation);
  }

  @ResolveField(() => Organization, { description: 'The inviting organisation.' })
  organization(
    @Ctx() ctx: RequestContext,
    @Parent() invitation: Invitation,
  ): Promise<Organization | null> {
    return this.loaders.organization(ctx).load(invitation.organizationId);
  }
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly apiKeyService: ApiKeyService) {}

  @Allow({ roles: [Role.OWNER], humansOnly: true })
  @Query(() => ApiKeyConnection, {
    description: 'API keys of the organisation acted for, newest first (without secrets).',
  })
  apiKeys(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.apiKeyService.list(ctx, page);
  }

  @Allow({ roles: [Role.OWNER], humansOnly: true })
  @Mutation(() => CreatedApiKey, {
    description: 'Create an API key; its secret is in the answer and nowhere else.',
  })
  createApiKey(
    @Ctx() ctx: RequestContext,
    @Args('input', { description: 'Name, scopes and optional expiry of the key.' })
    input: CreateApiKeyInput,
  ): Promise<CreatedApiKey> {
    return this.apiKeyService.create(ctx, input);
  }

  @Allow({ roles: [Role.OWNER], humansOnly: true })
  @Mutation(() => ApiKey, { description: 'Revoke an API key; it is refused from now on.' })
  revokeApiKey(
    @Ctx() ctx: RequestContext,
    @Args('apiKeyId', { type: () => ID, description: 'The key to revoke.' }) apiKeyId: string,
  ): Promise<ApiKey> {
    return this.apiKeyService.revoke(ctx, uuidArg(apiKeyId, 'ApiKey'));
  }
}

@Resolver()
export class AuditResolver {
  constructor(private readonly auditLog: AuditLogService) {}

  @Allow({ roles: [Role.OWNER, Role.AUDITOR] })
  @Query(() => AuditEventConnection, {
    description: "The organisation's audit trail, newest first.",
  })
  auditEvents(@Ctx() ctx: RequestContext, @Args() args: AuditEventsArgs) {
    const { filter, ...page } = args;
    return this.auditLog.list(ctx, page, filter ?? {});
  }
}
