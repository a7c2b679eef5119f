import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { m } from '../../src/paraglide/messages.js';
import { installedChromium, launchChromium } from '../e2e/support/browser';
import { copyOf, seedSession, writeSessions, type SeedSession } from './support/browser-seed';
import { recordFigure } from './support/figures';

/**
 * History and session detail in real Chromium, against the built app, with the database filled the way the app
 * fills it (see support/browser-seed.ts).
 *
 * What is timed, inside the page with performance.now(): from setting `location.hash` (what tapping the link does)
 * until the screen shows the result — the history list with all 1,000 items in the DOM, or the detail's summary
 * with the heart-rate chart drawn by Chart.js — and then until the next frame has been rendered (a
 * requestAnimationFrame callback, then a message-channel task, which runs after that frame's paint). The figure is
 * that second time: the runner sees the screen then. It includes the hash routing, the IndexedDB reads, decoding
 * the samples, Svelte's rendering, Chart.js, layout and paint. The first visit (which also loads the chart code) is
 * printed, then the median of the next runs is recorded; the screen is left for home between runs.
 */

const chromium = installedChromium();
if (chromium === undefined) {
  console.log(
    'browser-storage bench skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH); ' +
      'history.open1000.ms and detail.load3h.ms are not measured.',
  );
}

const timedRuns = 7;
const day = 86_400_000;

interface NavigationTime {
  /** Until the DOM shows the result. */
  shownMs: number;
  /** Until the frame after that has been rendered. */
  paintedMs: number;
}

type Target = { kind: 'history'; count: number } | { kind: 'detail'; chartCaption: string };

/** Sets the hash in the page and times it until the target is shown and then painted (see the file comment). */
function timeNavigation(page: Page, hash: string, target: Target): Promise<NavigationTime> {
  return page.evaluate(
    ({ hash, target }) =>
      new Promise<NavigationTime>((resolve, reject) => {
        const heartRateCanvas = (): HTMLCanvasElement | null => {
          if (target.kind !== 'detail') return null;
          const figure = Array.from(document.querySelectorAll('figure')).find(
            (candidate) => candidate.querySelector('figcaption')?.textContent.trim() === target.chartCaption,
          );
          return figure?.querySelector('canvas') ?? null;
        };
        const isShown = (): boolean => {
          if (target.kind === 'history') {
            return document.querySelector('[data-testid="history-list"]')?.children.length === target.count;
          }
          // Chart.js marks the canvas it owns while constructing the chart; with animation off the constructor
          // draws before it returns, so the mark seen from a later microtask means the chart is drawn.
          const canvas = heartRateCanvas();
          return (
            document.querySelector('[data-testid="session-summary"]') !== null &&
            canvas !== null &&
            '$chartjs' in canvas
          );
        };
        const startedAt = performance.now();
        const timeout = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${hash} was not shown within 20 s`));
        }, 20_000);
        const check = () => {
          if (!isShown()) return;
          observer.disconnect();
          clearTimeout(timeout);
          const shownMs = performance.now() - startedAt;
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              resolve({ shownMs, paintedMs: performance.now() - startedAt });
            };
            channel.port2.postMessage(null);
          });
        };
        const observer = new MutationObserver(check);
        // The list grows by child nodes; Chart.js sizes its canvas (width, height, style) as it draws.
        observer.observe(
          document.body,
          target.kind === 'history'
            ? { subtree: true, childList: true }
            : {
                subtree: true,
                childList: true,
                attributes: true,
                attributeFilter: ['width', 'height', 'style'],
              },
        );
        location.hash = hash;
      }),
    { hash, target },
  );
}

async function backHome(page: Page): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await page.getByTestId('start-run').waitFor();
  // Let the previous screen's leftovers (chart teardown, pending reads) settle before the next timing.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
}

/** The first visit, then the median of `timedRuns` more. */
async function measure(
  page: Page,
  hash: string,
  target: Target,
): Promise<{ first: NavigationTime; median: NavigationTime }> {
  await backHome(page);
  const first = await timeNavigation(page, hash, target);
  const runs: NavigationTime[] = [];
  for (let run = 0; run < timedRuns; run++) {
    await backHome(page);
    runs.push(await timeNavigation(page, hash, target));
  }
  const middle = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return {
    first,
    median: {
      shownMs: middle(runs.map((run) => run.shownMs)),
      paintedMs: middle(runs.map((run) => run.paintedMs)),
    },
  };
}

const round = (ms: number) => ms.toFixed(1);

describe.skipIf(chromium === undefined)('browser storage: history and detail in Chromium', () => {
  let outDir = '';
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    // Its own build in a temporary folder, so it never races an e2e run building into dist/.
    outDir = mkdtempSync(join(tmpdir(), 'calm-run-bench-'));
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    server = await preview({
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'warn',
    });
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('The preview server did not report a URL');
    baseUrl = url.replace('127.0.0.1', 'localhost');
    browser = await launchChromium({ webBluetooth: false });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  /** Uncaught errors of the page under measurement: a screen that threw was not really shown. */
  const pageErrors: string[] = [];

  /** The app in a fresh context (its own empty database), loaded and with its database open. */
  async function freshApp(): Promise<Page> {
    if (!browser) throw new Error('The browser did not start');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (error) => {
      pageErrors.push(`${error.name}: ${error.message}`);
    });
    await page.goto(new URL('/#/', baseUrl).href);
    await page.getByTestId('start-run').waitFor();
    return page;
  }

  test('history: opening it with 1,000 stored sessions', async () => {
    const page = await freshApp();
    // Four real sessions (25 to 55 minutes at about 150 bpm) as templates, a thousand runs from them, one a day.
    const templates = [25, 35, 45, 55].map((minutes, index) =>
      seedSession(`template-${index}`, Date.UTC(2023, 0, 1), minutes, { seed: index + 1 }),
    );
    const sessions: SeedSession[] = Array.from({ length: 1000 }, (_, index) => {
      const template = templates[index % templates.length];
      if (!template) throw new Error('no template');
      return copyOf(
        template,
        `run-${String(index).padStart(4, '0')}`,
        Date.UTC(2023, 0, 1, 7) + index * day,
        index,
      );
    });
    await writeSessions(page, sessions);
    const chunkBytes = sessions.reduce(
      (sum, session) => sum + session.chunks.reduce((bytes, chunk) => bytes + chunk.bytes.length, 0),
      0,
    );
    console.log(`history: seeded 1,000 sessions (${(chunkBytes / 1e6).toFixed(1)} MB of samples)`);

    // History reads all 1,000 summaries and shows the newest page of them; the screen is open when that is drawn.
    const firstPage = 50;
    const { first, median } = await measure(page, '#/history', { kind: 'history', count: firstPage });
    const items = page.getByTestId('history-list').locator('li');
    expect(await items.count()).toBe(firstPage);
    expect(await page.getByRole('button', { name: 'Show 50 more' }).count()).toBe(1);
    // Newest first.
    expect(await items.first().locator('a').getAttribute('href')).toBe('#/session/run-0999');
    console.log(
      `history.open1000: first visit ${round(first.paintedMs)} ms; median of ${timedRuns}: list in the DOM ` +
        `${round(median.shownMs)} ms, painted ${round(median.paintedMs)} ms`,
    );
    expect(pageErrors).toEqual([]);
    recordFigure('history.open1000.ms', median.paintedMs, 'ms');
    await page.context().close();
  });

  test('detail: loading a 3-hour session at 150 bpm', async () => {
    const page = await freshApp();
    const session = seedSession('three-hours', Date.UTC(2024, 5, 1, 6), 180, { bpm: 150, seed: 9 });
    const rrCount = session.samples.reduce((sum, sample) => sum + sample.rrIntervals1024.length, 0);
    await writeSessions(page, [session]);
    console.log(
      `detail: seeded one 3-hour session: ${session.samples.length} samples, ${rrCount} RR intervals, ` +
        `${session.chunks.length} chunk records`,
    );

    const target: Target = { kind: 'detail', chartCaption: m.chartHeartRate() };
    const { first, median } = await measure(page, '#/session/three-hours', target);
    // The summary is the stored one, and the chart really has pixels on it.
    expect(await page.getByTestId('summary-beats').textContent()).toBe(rrCount.toLocaleString('en'));
    const paintedPixels = await page
      .getByRole('figure')
      .filter({ hasText: m.chartHeartRate() })
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const context = canvas.getContext('2d');
        if (!context) return 0;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        for (let alpha = 3; alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) painted++;
        return painted;
      });
    expect(paintedPixels).toBeGreaterThan(1000);
    console.log(
      `detail.load3h: first visit ${round(first.paintedMs)} ms (loads the chart code); median of ${timedRuns}: ` +
        `summary and chart in the DOM ${round(median.shownMs)} ms, painted ${round(median.paintedMs)} ms`,
    );
    expect(pageErrors).toEqual([]);
    recordFigure('detail.load3h.ms', median.paintedMs, 'ms');
    await page.context().close();
  });
});
