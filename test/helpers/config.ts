import { AppConfig } from '../../src/core/config/app-config.service';
import { validateEnvironment } from '../../src/core/config/environment';

/** The test file's configuration with some variables changed. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return AppConfig.of(validateEnvironment({ ...process.env, ...overrides }));
}
