import { build, type InlineConfig } from 'vite';

/**
 * Builds the app as `npm run build` does. Vitest sets NODE_ENV=test, and Vite would then build Svelte's dev-mode
 * output (bigger, with dev-only checks): the tests and the bundle figures are about what users download.
 */
export async function buildProduction(outDir: string, config: InlineConfig = {}): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      logLevel: 'warn',
      mode: 'production',
      ...config,
      build: { ...config.build, outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
