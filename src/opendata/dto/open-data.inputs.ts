import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../core/validation/trim.decorator';

/**
 * An org-id.guide list code (country or X-code, a dash, the list's code) and the identifier in that
 * list: GB-CHC-1164883, GB-COH-01234567, DE-VR-12345, XI-LEI-… . Empty clears the setting.
 */
export const ORG_IDENTIFIER = /^(?:|[A-Z]{2}-[A-Z0-9]{2,12}-[A-Za-z0-9][A-Za-z0-9._-]*)$/;
/** A registered 360Giving publisher prefix: 360G-, then letters and digits (dash or underscore between). */
export const GRANT_ID_PREFIX = /^(?:|360G-[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*)$/;

export enum OpenGrantDataFormat {
  JSON = 'JSON',
  XLSX = 'XLSX',
}
registerEnumType(OpenGrantDataFormat, {
  name: 'OpenGrantDataFormat',
  description: 'The two forms of the 360Giving Data Standard.',
  valuesMap: {
    JSON: { description: 'A 360Giving JSON package: `{ "grants": [ … ] }`.' },
    XLSX: {
      description:
        'The spreadsheet form: one grant per row under the standard’s column titles (Identifier, Title, Amount Awarded, Recipient Org:Identifier, …), amounts as numbers.',
    },
  },
});

@InputType({
  description:
    'Changes to how the organisation acted for is named in open grant data; fields left out stay as they are, an empty string clears one.',
})
export class UpdateOpenDataSettingsInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Organisation identifier from an org-id.guide list, e.g. GB-CHC-1164883 or DE-VR-12345 (list code, dash, identifier).',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(120)
  @Matches(ORG_IDENTIFIER, {
    message:
      'must be an org-id.guide list code and an identifier, such as GB-CHC-1164883 or DE-VR-12345',
  })
  orgIdentifier?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Funders: the registered 360Giving publisher prefix, e.g. 360G-stiftungzukunft.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(60)
  @Matches(GRANT_ID_PREFIX, {
    message: 'must start with 360G- followed by letters and digits, such as 360G-stiftungzukunft',
  })
  grantIdPrefix?: string | null;
}

@InputType({ description: 'Whether and how a grant is published as open data.' })
export class GrantPublicationInput {
  @Field({ description: 'Publish the grant in the programme’s open grant data.' })
  @IsBoolean()
  publishable!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "The description to publish, up to 4000 characters; null or empty publishes the application's summary.",
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(4000)
  description?: string | null;
}
