import { build, type InlineConfig } from 'vite';

/**
 * The live-share servers every test build allows (CALM_RUN_SHARE_SERVERS): a NATS server on loopback, on whatever
 * free port a test starts it. A production build without the setting allows only its own origin.
 */
export const TEST_SHARE_SERVERS = 'ws://127.0.0.1:*';

/**
 * Builds the app as `npm run build` does. Vitest sets NODE_ENV=test, and Vite would then build Svelte's dev-mode
 * output (bigger, with dev-only checks): the tests and the bundle figures are about what users download.
 */
export async function buildProduction(
  outDir: string,
  config: InlineConfig = {},
  shareServers = TEST_SHARE_SERVERS,
): Promise<void> {
  const saved = {
    NODE_ENV: process.env.NODE_ENV,
    CALM_RUN_SHARE_SERVERS: process.env.CALM_RUN_SHARE_SERVERS,
  };
  process.env.NODE_ENV = 'production';
  process.env.CALM_RUN_SHARE_SERVERS = shareServers;
  try {
    await build({
      logLevel: 'warn',
      mode: 'production',
      ...config,
      build: { ...config.build, outDir, emptyOutDir: true },
    });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  }
}
