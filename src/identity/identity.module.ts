import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RateLimitGuard, rateLimitStoreProvider } from './access/rate-limit.guard';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../core/config/app-config.service';
import { AccessGuard } from './access/access.guard';
import { AccessCache } from './access/access-cache.service';
import { Authenticator } from './access/authenticator.service';
import { PasswordService } from './access/password.service';
import { SessionCookie } from './access/session-cookie';
import { AccountTokenService } from './account-token.service';
import { AccountService } from './account.service';
import { ApiKeyService } from './api-key.service';
import { AccountRequest } from './entities/account-request.entity';
import { AccountToken } from './entities/account-token.entity';
import { SendAccountEmailJob } from './send-account-email.job';
import { AuditLogService } from './audit-log.service';
import { ApiKey } from './entities/api-key.entity';
import { Invitation } from './entities/invitation.entity';
import { LoginFailure } from './entities/login-failure.entity';
import { Membership } from './entities/membership.entity';
import { Organization } from './entities/organization.entity';
import { Person } from './entities/person.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { Session } from './entities/session.entity';
import { IdentityLoaders } from './identity.loaders';
import {
  AccountResolver,
  ApiKeyResolver,
  AuditResolver,
  InvitationResolver,
  MembershipResolver,
  OrganizationResolver,
  PersonResolver,
  SessionResolver,
} from './identity.resolvers';
import { InvitationService } from './invitation.service';
import { MembershipService } from './membership.service';
import { ErasureSteps } from './erasure';
import { OffboardingSteps } from './offboarding';
import { OrganizationService } from './organization.service';
import { PersonalDataService } from './personal-data.service';
import { PlatformAdminService } from './platform-admin.service';
import { PruneLoginFailuresJob } from './prune-login-failures.job';
import { SendInvitationEmailJob } from './send-invitation-email.job';
import { SessionService } from './session.service';
import { ViewerService } from './viewer.service';

const jwt = JwtModule.registerAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => {
    // A secret key object, made once: given a string, the JWT library tries it as a PEM public key
    // on every verification first (and throws), which cost a tenth of the API's CPU on reads.
    const key = createSecretKey(Buffer.from(config.get('AUTH_TOKEN_SECRET'), 'utf8'));
    return { privateKey: key, publicKey: key, signOptions: { algorithm: 'HS256' } };
  },
});

const SERVICES = [
  PlatformAdminService,
  Authenticator,
  AccessCache,
  PasswordService,
  AccountTokenService,
  SessionService,
  AccountService,
  OrganizationService,
  MembershipService,
  OffboardingSteps,
  ErasureSteps,
  InvitationService,
  ApiKeyService,
  AuditLogService,
  PersonalDataService,
  ViewerService,
  IdentityLoaders,
  SendInvitationEmailJob,
  SendAccountEmailJob,
  PruneLoginFailuresJob,
];

/** Organisations, people, memberships, sessions, invitations and API keys: services and jobs. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Organization,
      Person,
      Membership,
      Session,
      RefreshToken,
      Invitation,
      ApiKey,
      LoginFailure,
      AccountToken,
      AccountRequest,
    ]),
    jwt,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}

/** The API side: GraphQL operations and the global access guard. */
@Module({
  imports: [IdentityModule],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    // After the access guard, so limits per organisation or API key know the caller.
    rateLimitStoreProvider,
    { provide: APP_GUARD, useClass: RateLimitGuard },
    SessionCookie,
    SessionResolver,
    AccountResolver,
    PersonResolver,
    OrganizationResolver,
    MembershipResolver,
    InvitationResolver,
    ApiKeyResolver,
    AuditResolver,
  ],
})
export class IdentityApiModule {}
