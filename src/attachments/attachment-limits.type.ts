import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'What an upload may be, so a client can refuse a file before sending it (the API checks again, by content).',
})
export class AttachmentLimits {
  @Field(() => Int, { description: 'Largest file accepted, in bytes.' })
  maxBytes!: number;

  @Field(() => [String], {
    description: 'Media types accepted for receipts and documents (found in the content).',
  })
  documentTypes!: string[];

  @Field(() => [String], { description: 'Media types accepted for a logo.' })
  logoTypes!: string[];
}
