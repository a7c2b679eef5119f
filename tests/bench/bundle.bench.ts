import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startedMark } from '../../src/app/started-mark';
import { m } from '../../src/paraglide/messages.js';
import { installedChromium, launchChromium } from '../e2e/support/browser';
import { button, expectState, strapTile } from '../e2e/support/calm-run-page';
import { EmulatedBluetooth } from '../e2e/support/emulated-strap';
import { expectText } from '../e2e/support/expect-page';
import { buildProduction } from '../e2e/support/production-build';
import { measurementPacket } from '../e2e/support/sessions';
import { recordFigure } from './support/figures';

/**
 * What the app costs to download, from its own production build.
 *
 * bundle.firstScreen.kbGzip: the JavaScript and CSS the page requested until the home screen was usable, gzipped.
 * "Usable" is: the "Connect strap" and "Try the simulated strap" buttons visible and enabled, and the app's startup
 * settled (database open, resume prompt decided, paired straps listed), which `AppState.start()` marks with the
 * User Timing mark `startedMark`. A file counts when its request started before that mark (Resource Timing and the
 * mark share one clock), so the route chunks the app prefetches on idle afterwards do not count. Service workers are
 * blocked in the browser context: only what the page itself asked for counts, never a precache.
 * Each file's size is zlib gzip at level 9 of its bytes in the build folder (not what the preview server sent, which
 * is uncompressed): close to what a static host with gzip_static or a CDN serves. kB here is 1,000 bytes.
 *
 * bundle.toFirstHeartRate.kbGzip: the JavaScript and CSS the page loaded from opening the app until the first heart
 * rate is on screen after "Connect strap" (budget: 80 kB): home usable, the app's idle prefetch done (a runner takes
 * a moment to tap, and the page fetches it meanwhile), the tap, the strap picked in Chrome's chooser, its first
 * notification shown. The strap is emulated in Chromium (tests/e2e/support/emulated-strap.ts) and the app talks to
 * it through the real navigator.bluetooth, so the strap view, the Bluetooth adapter and Chart.js count as they
 * load. A file counts when its response had ended by the time the heart rate was shown; sized as above.
 * bundle.toFirstHeartRateNoPrefetch.kbGzip: the same with the idle prefetch held back (the page never idles), as
 * for a runner who taps at once: what showing the first heart rate itself needs.
 *
 * bundle.precache.kb: every file the service worker would precache, uncompressed, in kB of 1,000 bytes: the
 * `precacheAndRoute([...])` list in the build's sw.js when there is one (Workbox generateSW, via vite-plugin-pwa),
 * otherwise every build output file except source maps.
 */

const chromium = installedChromium();
if (chromium === undefined) {
  console.log(
    'bundle bench: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH); ' +
      'bundle.firstScreen.kbGzip and bundle.toFirstHeartRate.kbGzip are not measured.',
  );
}

const kB = 1000;
const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'));
}

/**
 * The URLs in the precache manifest Workbox's generateSW writes into sw.js:
 * `precacheAndRoute([{url:"assets/index-x.js",revision:null},{"url":"index.html","revision":"3f..."}],{})`.
 * Minified or not, quoted keys or not; the list holds only object literals of strings and null, so the first `])`
 * after the call closes it.
 */
function precacheUrls(serviceWorker: string): string[] | undefined {
  const call = /precacheAndRoute\(\s*\[([\s\S]*?)\]\s*[,)]/u.exec(serviceWorker);
  if (!call) return undefined;
  const list = call[1] ?? '';
  return [...list.matchAll(/["']?url["']?\s*:\s*(["'])(.*?)\1/gu)].map((match) => match[2] ?? '');
}

/** The files to precache, relative to the build folder, and where the list came from. */
function precacheFiles(outDir: string): { files: string[]; source: string } {
  const serviceWorker = join(outDir, 'sw.js');
  if (existsSync(serviceWorker)) {
    const urls = precacheUrls(readFileSync(serviceWorker, 'utf8'));
    if (urls === undefined) throw new Error('dist/sw.js has no precacheAndRoute([...]) list');
    // Manifest URLs are relative to the service worker's scope (the build folder), maybe with a query.
    const files = urls.map((url) => decodeURIComponent(url.replace(/[?#].*$/u, '').replace(/^\.?\//u, '')));
    return { files, source: 'sw.js precache manifest' };
  }
  return {
    files: filesUnder(outDir).filter((file) => !file.endsWith('.map')),
    source: 'no sw.js: every build file except source maps',
  };
}

test('reads the precache list of a Workbox service worker', () => {
  const minified =
    'define(["./workbox-1"],function(e){"use strict";self.skipWaiting(),e.precacheAndRoute([{url:"assets/index-a.js",' +
    'revision:null},{url:"index.html",revision:"0c9f"},{url:"manifest.webmanifest",revision:"77"}],{}),' +
    'e.registerRoute(new e.NavigationRoute(e.createHandlerBoundToURL("index.html")))});';
  expect(precacheUrls(minified)).toEqual(['assets/index-a.js', 'index.html', 'manifest.webmanifest']);
  const readable =
    'workbox.precacheAndRoute([\n  {\n    "url": "/sw-register.js",\n    "revision": null\n  }\n]);';
  expect(precacheUrls(readable)).toEqual(['/sw-register.js']);
  expect(precacheUrls('self.addEventListener("fetch", () => {});')).toBeUndefined();
});

describe('bundle: bytes before the first screen and the first heart rate, and the precache', () => {
  let outDir = '';
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    // Its own build in a temporary folder, so it never races an e2e run or a `npm run build` into dist/.
    outDir = mkdtempSync(join(tmpdir(), 'calm-run-bundle-'));
    await buildProduction(outDir);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  /** The build served and Chromium started, once, for the tests that need them. */
  async function served(): Promise<{ browser: Browser; baseUrl: string }> {
    if (!server) {
      server = await preview({
        build: { outDir },
        preview: { port: 0, host: '127.0.0.1', strictPort: false },
        logLevel: 'warn',
      });
      const url = server.resolvedUrls?.local[0];
      if (url === undefined) throw new Error('The preview server did not report a URL');
      // localhost is a secure context, so Web Bluetooth is there and home shows "Connect strap".
      baseUrl = url.replace('127.0.0.1', 'localhost');
    }
    // A fresh temporary profile per launch (Playwright's own --user-data-dir), so no HTTP cache helps.
    browser ??= await launchChromium({ webBluetooth: true });
    return { browser, baseUrl };
  }

  interface LoadedFile {
    file: string;
    startMs: number;
    raw: number;
    gzip: number;
  }

  /** Same-origin JS and CSS among these resource entries, sized from the build folder. */
  function loadedFiles(entries: readonly { url: string; startMs: number }[]): LoadedFile[] {
    const origin = new URL(baseUrl).origin;
    return entries
      .map(({ url: requestedUrl, startMs }) => ({ url: new URL(requestedUrl), startMs }))
      .filter(({ url: fileUrl }) => fileUrl.origin === origin && /\.(?:js|css)$/u.test(fileUrl.pathname))
      .map(({ url: fileUrl, startMs }) => {
        const file = decodeURIComponent(fileUrl.pathname.replace(/^\//u, ''));
        const path = join(outDir, file);
        return { file, startMs, raw: statSync(path).size, gzip: gzipBytes(path) };
      });
  }

  function printFiles(files: readonly LoadedFile[]): number {
    for (const { file, startMs, raw, gzip } of files) {
      console.log(
        `  ${(gzip / kB).toFixed(1).padStart(6)} kB gzip ${(raw / kB).toFixed(1).padStart(7)} kB raw ` +
          `at ${startMs.toFixed(0).padStart(5)} ms  ${file}`,
      );
    }
    return files.reduce((sum, { gzip }) => sum + gzip, 0);
  }

  /** Waits for home: both strap buttons usable and the app's startup settled (the startedMark). */
  async function homeUsable(page: Page): Promise<void> {
    for (const name of [m.connectStrap(), m.trySimulatedStrap()]) {
      const buttonOnHome = page.getByRole('button', { name, exact: true });
      await buttonOnHome.waitFor({ state: 'visible' });
      expect(await buttonOnHome.isEnabled(), `${name} is enabled`).toBe(true);
    }
    await page.waitForFunction((mark) => performance.getEntriesByName(mark, 'mark').length > 0, startedMark);
  }

  test('precache size', () => {
    const { files, source } = precacheFiles(outDir);
    let bytes = 0;
    for (const file of files) {
      const path = resolve(outDir, file);
      if (relative(outDir, path).startsWith('..') || !existsSync(path)) {
        throw new Error(`precache entry ${file} is not a file of the build`);
      }
      bytes += statSync(path).size;
    }
    console.log(`bundle.precache: ${files.length} files (${source})`);
    recordFigure('bundle.precache.kb', oneDecimal(bytes / kB), 'kB (1000 B), uncompressed');
  });

  test.skipIf(chromium === undefined)(
    'first screen: JavaScript and CSS until home is usable',
    async () => {
      const { browser: chromiumBrowser } = await served();
      const context = await chromiumBrowser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => {
        pageErrors.push(`${error.name}: ${error.message}`);
      });
      await page.goto(new URL('/', baseUrl).href);
      await homeUsable(page);
      // Requests that started before the mark may still be arriving; their timing entries appear when they end.
      await page.waitForLoadState('networkidle');

      const { requested, later } = await page.evaluate((mark) => {
        const startedAt =
          performance.getEntriesByName(mark, 'mark')[0]?.startTime ?? Number.POSITIVE_INFINITY;
        const entries = performance.getEntriesByType('resource');
        return {
          requested: entries
            .filter((entry) => entry.startTime <= startedAt)
            .map((entry) => ({ url: entry.name, startMs: entry.startTime })),
          later: entries.filter((entry) => entry.startTime > startedAt).map((entry) => entry.name),
        };
      }, startedMark);
      expect(pageErrors).toEqual([]);
      // Not counted: what the app prefetches once home is usable (shown to check that it still does).
      console.log(
        `bundle.firstScreen: ${later.length} files fetched after home was usable (prefetch): ` +
          later.map((url) => new URL(url).pathname.replace(/^\/assets\//u, '')).join(', '),
      );
      const files = loadedFiles(requested);
      expect(files.length, 'at least the entry script').toBeGreaterThan(0);
      const total = printFiles(files);
      console.log(`bundle.firstScreen: ${files.length} files`);
      recordFigure('bundle.firstScreen.kbGzip', oneDecimal(total / kB), 'kB (1000 B) gzip -9', {
        chromium: chromiumBrowser.version(),
      });
      await context.close();
    },
    120_000,
  );

  /**
   * Opens the app with an emulated strap, waits until home is usable (and, unless `holdIdlePrefetch`, until the
   * page's idle prefetch has loaded), taps "Connect strap", picks the strap, sends one notification and waits until
   * its heart rate is shown. Returns the JS and CSS whose responses had ended by then, and when the tap came.
   */
  async function filesToFirstHeartRate(options: {
    holdIdlePrefetch: boolean;
  }): Promise<{ files: LoadedFile[]; tappedAtMs: number }> {
    const { browser: chromiumBrowser } = await served();
    const context = await chromiumBrowser.newContext({ serviceWorkers: 'block' });
    let bluetooth: EmulatedBluetooth | undefined;
    try {
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => {
        pageErrors.push(`${error.name}: ${error.message}`);
      });
      if (options.holdIdlePrefetch) {
        // The browser never finds the page idle: the app's prefetch (src/ui/App.svelte) waits, as it does for a
        // runner who taps before the page ever idles. (Without requestIdleCallback it would use a timeout.)
        await page.addInitScript(() => {
          window.requestIdleCallback = () => 0;
        });
      }
      bluetooth = await EmulatedBluetooth.start(chromiumBrowser, context, page);
      const strap = await bluetooth.addStrap({
        address: '0C:8C:DC:10:20:30',
        name: 'Polar H10 1A2B3C4D',
        batteryPercent: 87,
        bodySensorLocation: 1,
      });
      await page.goto(new URL('/', baseUrl).href);
      await homeUsable(page);
      await page.waitForLoadState('networkidle');
      const tappedAtMs = await page.evaluate(() => performance.now());

      bluetooth.chooseNext(strap.address);
      await button(page, m.connectStrap()).click();
      const tile = strapTile(page, strap.name);
      await expectState(tile, 'live');
      await strap.sendMeasurement(measurementPacket(72, [833]));
      await expectText(tile.getByTestId('heart-rate'), '72');

      const loaded = await page.evaluate(() => {
        const shownAtMs = performance.now();
        return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => entry.responseEnd <= shownAtMs)
          .map((entry) => ({ url: entry.name, startMs: entry.startTime }));
      });
      expect(pageErrors).toEqual([]);
      expect(bluetooth.problems).toEqual([]);
      return { files: loadedFiles(loaded), tappedAtMs };
    } finally {
      // The emulated adapter is the browser's: switched off before the next test starts its own.
      await bluetooth?.stop();
      await context.close();
    }
  }

  test.skipIf(chromium === undefined)(
    'to the first heart rate: JavaScript and CSS from opening the app to the first heart rate shown',
    async () => {
      const { browser: chromiumBrowser } = await served();
      const measuredWith = { chromium: chromiumBrowser.version() };
      const { files, tappedAtMs } = await filesToFirstHeartRate({ holdIdlePrefetch: false });
      const beforeTap = files.filter((file) => file.startMs < tappedAtMs);
      const afterTap = files.filter((file) => file.startMs >= tappedAtMs);
      console.log(`bundle.toFirstHeartRate: ${beforeTap.length} files before the tap on "Connect strap":`);
      const beforeBytes = printFiles(beforeTap);
      console.log(`bundle.toFirstHeartRate: ${afterTap.length} files after it:`);
      const afterBytes = printFiles(afterTap);
      console.log(
        `bundle.toFirstHeartRate: ${files.length} files, ${(beforeBytes / kB).toFixed(1)} kB before the tap ` +
          `(home and the idle prefetch) and ${(afterBytes / kB).toFixed(1)} kB after it`,
      );
      recordFigure(
        'bundle.toFirstHeartRate.kbGzip',
        oneDecimal((beforeBytes + afterBytes) / kB),
        'kB (1000 B) gzip -9',
        measuredWith,
      );

      // The same with the idle prefetch held back: only what showing the first heart rate itself loads.
      const needed = await filesToFirstHeartRate({ holdIdlePrefetch: true });
      console.log(`bundle.toFirstHeartRateNoPrefetch: ${needed.files.length} files:`);
      const neededBytes = printFiles(needed.files);
      recordFigure(
        'bundle.toFirstHeartRateNoPrefetch.kbGzip',
        oneDecimal(neededBytes / kB),
        'kB (1000 B) gzip -9',
        measuredWith,
      );
    },
    180_000,
  );
});
