import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from './environment';

/** Typed read access to the validated configuration. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: Pick<ConfigService<Environment, true>, 'get'>) {}

  /** A configuration from an already validated environment (tools and tests). */
  static of(env: Environment): AppConfig {
    return new AppConfig({
      get: (key: keyof Environment) => env[key],
    });
  }

  get<K extends keyof Environment>(key: K): Environment[K] {
    return this.config.get(key, { infer: true });
  }

  get isProduction(): boolean {
    return this.get('NODE_ENV') === 'production';
  }

  get isDevelopment(): boolean {
    return this.get('NODE_ENV') === 'development';
  }
}
