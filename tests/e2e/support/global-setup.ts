import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { buildProduction } from './production-build';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The folder of the build being served: what the service worker must precache. */
    buildDir: string;
  }
}

let server: PreviewServer | undefined;
let outDir: string | undefined;

/**
 * Builds the app once into a folder of its own (so a `npm run build` meanwhile cannot swap files under the tests)
 * and serves that build on localhost, a secure context, so Web Bluetooth is allowed.
 */
export async function setup(project: TestProject): Promise<void> {
  outDir = mkdtempSync(join(tmpdir(), 'calm-run-e2e-'));
  await buildProduction(outDir);
  server = await preview({
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The preview server did not report a URL');
  project.provide('baseUrl', url.replace('127.0.0.1', 'localhost'));
  project.provide('buildDir', outDir);
}

export async function teardown(): Promise<void> {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
