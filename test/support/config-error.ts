import { ConfigError, loadConfig } from '../../src/config';

/** The message of the ConfigError that loadConfig throws for this environment; fails when it does not throw one. */
export function configErrorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}
