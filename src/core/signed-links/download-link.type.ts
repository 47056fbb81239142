import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'A short-lived link that downloads one file without an access token: GET it on the API’s origin (a browser can follow it directly). Anyone holding it can download until it expires, so hand it on only to whom you would give the file.',
})
export class DownloadLink {
  @Field({ description: 'The path to GET, relative to the API’s origin (e.g. /downloads/…).' })
  url!: string;

  @Field(() => Date, { description: 'When the link stops working; ask for a new one after that.' })
  expiresAt!: Date;
}
