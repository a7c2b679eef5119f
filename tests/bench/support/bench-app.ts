import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { buildProduction } from '../../e2e/support/production-build';
import type { SessionMeta } from '../../../src/core';
import type {
  RecordedRun,
  RunToRecord,
  SessionsToImport,
  StorageUsage,
} from './recorder-page/recorder-page-api';
import type { SeedSession } from './browser-seed';

/** Where the recorder page is served, beside the app on the same origin (so it shares the app's database). */
export const recorderPath = '/bench-recorder/';

export interface BenchApp {
  /** http://localhost:port/ (a secure context, so Web Bluetooth and storage estimates are there). */
  baseUrl: string;
  outDir: string;
  close(): Promise<void>;
}

/**
 * The app built for production as `npm run build` builds it, into a temporary folder of its own (never racing an
 * e2e run or a build into dist/), with the bench's recorder page built beside it under /bench-recorder/ (after the
 * app, so it is in neither the app's chunks nor its precache), served by Vite's preview server.
 */
export async function startBenchApp(options: { withRecorder?: boolean } = {}): Promise<BenchApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'calm-run-bench-'));
  let server: PreviewServer | undefined;
  try {
    await buildProduction(outDir);
    if (options.withRecorder ?? true) {
      await buildProduction(join(outDir, recorderPath), {
        configFile: false,
        root: resolve(import.meta.dirname, 'recorder-page'),
        base: recorderPath,
        plugins: [svelte({ configFile: false })],
        build: { target: 'es2022' },
      });
    }
    server = await preview({
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'warn',
    });
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('The preview server did not report a URL');
    const running = server;
    return {
      baseUrl: url.replace('127.0.0.1', 'localhost'),
      outDir,
      async close() {
        await running.close();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

/** Opens the recorder page in this page (same origin as the app) and waits for its API. */
export async function openRecorder(page: Page, baseUrl: string): Promise<void> {
  await page.goto(new URL(recorderPath, baseUrl).href);
  await page.waitForFunction(() => window.calmRunBench !== undefined);
}

/** Records a run in the page through the app's RunRecording and SessionStore (see recorder-page.ts). */
export function recordRunInPage(page: Page, run: RunToRecord): Promise<RecordedRun> {
  return page.evaluate(async (toRecord) => {
    const bench = window.calmRunBench;
    if (!bench) throw new Error('The recorder page is not open');
    return bench.recordRun(toRecord);
  }, run);
}

export function prepareDatabaseInPage(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const bench = window.calmRunBench;
    if (!bench) throw new Error('The recorder page is not open');
    await bench.prepareDatabase();
  });
}

export function storageUsageInPage(page: Page): Promise<StorageUsage> {
  return page.evaluate(async () => {
    const bench = window.calmRunBench;
    if (!bench) throw new Error('The recorder page is not open');
    return bench.storageUsage();
  });
}

/**
 * Stores sessions through SessionStore.importSessions in the page, 50 to a transaction: each is a template's
 * samples under its own session record (see browser-seed.ts).
 */
export async function importSessionsInPage(
  page: Page,
  templates: readonly SeedSession[],
  sessions: readonly { template: number; meta: SessionMeta }[],
): Promise<number> {
  const toImport: SessionsToImport = {
    templates: templates.map((template) =>
      template.liveChunks.map(({ bytes, ...chunk }) => ({
        ...chunk,
        bytesBase64: Buffer.from(bytes).toString('base64'),
      })),
    ),
    sessions: [...sessions],
    batchSize: 50,
  };
  const result = await page.evaluate(async (items) => {
    const bench = window.calmRunBench;
    if (!bench) throw new Error('The recorder page is not open');
    return bench.importSessions(items);
  }, toImport);
  return result.imported;
}
