// Command line for platform operators:
//   node dist/cli/platform-admin.js grant someone@example.org    make a platform administrator
//   node dist/cli/platform-admin.js revoke someone@example.org   stop them being one
//   node dist/cli/platform-admin.js create-funder "Stiftung X" owner@example.org [DE] [de|en]
//     creates a FUNDER organisation and emails its first owner an OWNER invitation (the worker
//     sends it); with SIGNUP_FUNDERS=invite this is how funders join.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RequestContext } from '../core/context/request-context';
import { CoreModule } from '../core/core.module';
import { IdentityModule } from '../identity/identity.module';
import { PlatformAdminService } from '../identity/platform-admin.service';
import { Language } from '../identity/roles';
import { NotificationsModule } from '../notifications/notifications.module';

@Module({ imports: [CoreModule, NotificationsModule, IdentityModule] })
class CliModule {}

const USAGE =
  'usage: platform-admin grant|revoke <email>\n       platform-admin create-funder <name> <owner-email> [country] [de|en]';

export async function platformAdminCli(argv: string[]): Promise<string> {
  const [command, email] = argv;
  if (command === 'create-funder') return createFunder(argv.slice(1));
  if (!['grant', 'revoke'].includes(command ?? '') || !email) throw new Error(USAGE);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const person = await app
      .get(PlatformAdminService)
      .set(RequestContext.system(`cli:platform-admin ${command}`), email, command === 'grant');
    return `${person.email} is ${person.platformAdmin ? 'now' : 'no longer'} a platform administrator`;
  } finally {
    await app.close();
  }
}

async function createFunder(args: string[]): Promise<string> {
  const [name, ownerEmail, country, language] = args;
  if (!name || !ownerEmail || (language && !['de', 'en'].includes(language)))
    throw new Error(USAGE);
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const { organization, invitation } = await app
      .get(PlatformAdminService)
      .createFunder(RequestContext.system('cli:platform-admin create-funder'), {
        name,
        ownerEmail,
        country,
        language: language as Language | undefined,
      });
    return `created funder "${organization.name}" (${organization.id}, handle ${organization.slug}); invited ${invitation.email} as OWNER (invitation ${invitation.id}, valid until ${invitation.expiresAt.toISOString()}); the worker emails the link`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  platformAdminCli(process.argv.slice(2)).then(
    (message) => console.log(message),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
