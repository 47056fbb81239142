import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsEnum,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinDate,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../core/validation/trim.decorator';
import { ApiKeyScope, FormOfAddress, Language, OrganizationKind, Role } from '../roles';
import { IsOmittable } from '../../core/validation/omittable.decorator';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Names people read: no control characters (NUL, line breaks, escapes). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
const noControlCharacters = () =>
  Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' });

/** Tokens from email links: base64url, as the server makes them. */
const TOKEN = /^[A-Za-z0-9_-]+$/;

export enum RefreshTokenTransport {
  BODY = 'BODY',
  COOKIE = 'COOKIE',
}
registerEnumType(RefreshTokenTransport, {
  name: 'RefreshTokenTransport',
  description: 'How a new refresh token reaches the client.',
  valuesMap: {
    BODY: { description: 'In the answer (`refreshToken`); for API clients and apps.' },
    COOKIE: {
      description:
        'As the HttpOnly cookie `meilenstein_refresh` (Path=/graphql, SameSite=Strict); `refreshToken` in the answer is null. For browsers.',
    },
  },
});

const transportField = () =>
  Field(() => RefreshTokenTransport, {
    nullable: true,
    description: 'BODY (default) or COOKIE for browsers.',
  });

@InputType({ description: 'A new organisation.' })
export class OrganizationInput {
  @Field({ description: 'Display name, up to 200 characters.' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  @Field(() => OrganizationKind, { description: 'Funder or grantee.' })
  @IsEnum(OrganizationKind)
  kind!: OrganizationKind;

  @Field({ nullable: true, description: 'URL-friendly handle; made from the name when left out.' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    message: 'may contain lower-case letters, digits and single dashes',
  })
  @MinLength(3)
  @MaxLength(60)
  slug?: string;

  @Field({ description: 'Country, ISO 3166-1 alpha-2 (e.g. DE).' })
  @IsISO31661Alpha2()
  country!: string;

  @Field(() => Language, { nullable: true, description: 'Preferred language (default de).' })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;

  @Field(() => FormOfAddress, {
    nullable: true,
    description: 'du or Sie in German texts (default Sie).',
  })
  @IsOptional()
  @IsEnum(FormOfAddress)
  formOfAddress?: FormOfAddress;
}

@InputType({
  description: 'Changes to the organisation acted for; fields left out stay as they are.',
})
export class UpdateOrganizationInput {
  @Field({ nullable: true, description: 'Display name.' })
  @Trim()
  @IsOmittable()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true, description: 'Country, ISO 3166-1 alpha-2.' })
  @IsOmittable()
  @IsISO31661Alpha2()
  country?: string;

  @Field(() => Language, { nullable: true, description: 'Preferred language.' })
  @IsOmittable()
  @IsEnum(Language)
  language?: Language;

  @Field(() => FormOfAddress, { nullable: true, description: 'du or Sie in German texts.' })
  @IsOmittable()
  @IsEnum(FormOfAddress)
  formOfAddress?: FormOfAddress;
}

@InputType({
  description: 'Sign up: a person and their first organisation, where they become owner.',
})
export class SignUpInput {
  @Field({ description: 'Email address; used to sign in.' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field({ description: `Password, ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password!: string;

  @Field({ description: 'Name shown to others, up to 100 characters.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @noControlCharacters()
  displayName!: string;

  @Field(() => Language, {
    nullable: true,
    description: "The person's language (default: the organisation's).",
  })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;

  @Field(() => OrganizationInput, { description: 'The first organisation.' })
  @ValidateNested()
  @Type(() => OrganizationInput)
  organization!: OrganizationInput;
}

@InputType({ description: 'Sign in with email and password.' })
export class LogInInput {
  @Field({ description: 'Email address.' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @Field({ description: 'Password.' })
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Organisation to act for by default (else the first one joined).',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @transportField()
  @IsOptional()
  @IsEnum(RefreshTokenTransport)
  refreshTokenTransport?: RefreshTokenTransport;
}

@InputType({ description: 'Invite someone to the organisation acted for.' })
export class InviteMemberInput {
  @Field({ description: "The invitee's email address." })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @Field(() => Role, {
    description: 'Role they get on accepting; must exist in this kind of organisation.',
  })
  @IsEnum(Role)
  role!: Role;
}

@InputType({ description: 'Accept an invitation.' })
export class AcceptInvitationInput {
  @Field({ description: 'The token from the invitation email.' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  @Matches(TOKEN, { message: 'is not a valid link token' })
  token!: string;

  @Field({ nullable: true, description: 'Needed when the invitee has no account yet: their name.' })
  @Trim()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @noControlCharacters()
  displayName?: string;

  @Field({
    nullable: true,
    description: `New invitee: a password (${PASSWORD_MIN}+ characters). Existing account not signed in: its password.`,
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;

  @Field(() => Language, {
    nullable: true,
    description: 'Needed for new accounts only: their language.',
  })
  @IsOptional()
  @IsEnum(Language)
  language?: Language;

  @transportField()
  @IsOptional()
  @IsEnum(RefreshTokenTransport)
  refreshTokenTransport?: RefreshTokenTransport;
}

@InputType({ description: 'A new API key for an integration.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, up to 100 characters.' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @Field(() => [ApiKeyScope], { description: 'What the key may do: read, or read and write.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsEnum(ApiKeyScope, { each: true })
  scopes!: ApiKeyScope[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the key stops working; never when left out.',
  })
  @IsOptional()
  @Type(() => Date)
  @MinDate(() => new Date(), { message: 'must be in the future' })
  expiresAt?: Date;
}

@ArgsType()
export class LinkTokenArgs {
  @Field({ description: 'The token from the emailed link.' })
  @IsString()
  @MinLength(20)
  @MaxLength(100)
  @Matches(TOKEN, { message: 'is not a valid link token' })
  token!: string;
}

@ArgsType()
export class VerifyEmailArgs extends LinkTokenArgs {
  @transportField()
  @IsOptional()
  @IsEnum(RefreshTokenTransport)
  refreshTokenTransport?: RefreshTokenTransport;
}

@ArgsType()
export class RefreshSessionArgs {
  @Field({
    nullable: true,
    description:
      'The refresh token from the last sign-in or refresh; left out, the `meilenstein_refresh` cookie is used.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;

  @Field(() => RefreshTokenTransport, {
    nullable: true,
    description:
      'BODY or COOKIE; by default the way the token came (cookie in, cookie out; argument in, body out).',
  })
  @IsOptional()
  @IsEnum(RefreshTokenTransport)
  refreshTokenTransport?: RefreshTokenTransport;
}

@ArgsType()
export class RequestPasswordResetArgs {
  @Field({ description: 'The address of the account.' })
  @IsString()
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

@ArgsType()
export class ResetPasswordArgs extends LinkTokenArgs {
  @Field({ description: `The new password, ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword!: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field({ description: 'The password used now.' })
  @IsString()
  @MaxLength(PASSWORD_MAX)
  currentPassword!: string;

  @Field({ description: `The new password, ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.` })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword!: string;
}

@ArgsType()
export class RequestEmailChangeArgs {
  @Field({ description: 'The new address; a confirmation link goes there.' })
  @IsString()
  @IsEmail()
  @MaxLength(254)
  newEmail!: string;

  @Field({ description: 'Your password, to confirm it is you.' })
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

@InputType({ description: 'Changes to your own profile; fields left out stay as they are.' })
export class UpdateMyProfileInput {
  @Field({ nullable: true, description: 'Name shown to others, up to 100 characters.' })
  @Trim()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @noControlCharacters()
  displayName?: string;

  @Field(() => Language, { nullable: true, description: 'Language of your emails.' })
  @IsOmittable()
  @IsEnum(Language)
  language?: Language;
}
