// Command line: make a person a platform administrator (or stop them being one).
//   node dist/cli/platform-admin.js grant someone@example.org
//   node dist/cli/platform-admin.js revoke someone@example.org
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RequestContext } from '../core/context/request-context';
import { CoreModule } from '../core/core.module';
import { IdentityModule } from '../identity/identity.module';
import { PlatformAdminService } from '../identity/platform-admin.service';
import { NotificationsModule } from '../notifications/notifications.module';

@Module({ imports: [CoreModule, NotificationsModule, IdentityModule] })
class CliModule {}

export async function platformAdminCli(argv: string[]): Promise<string> {
  const [command, email] = argv;
  if (!['grant', 'revoke'].includes(command ?? '') || !email) {
    throw new Error('usage: platform-admin grant|revoke <email>');
  }
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

if (require.main === module) {
  platformAdminCli(process.argv.slice(2)).then(
    (message) => console.log(message),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
