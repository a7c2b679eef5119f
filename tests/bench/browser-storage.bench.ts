import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as chromiumBrowser, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { m } from '../../src/paraglide/messages.js';
import { chromiumArgs, chromiumPath, installedChromium, launchChromium } from '../e2e/support/browser';
import {
  importSessionsInPage,
  openRecorder,
  prepareDatabaseInPage,
  recordRunInPage,
  startBenchApp,
  storageUsageInPage,
  type BenchApp,
} from './support/bench-app';
import { copyMeta, seedSession } from './support/browser-seed';
import { median, recordFigure } from './support/figures';
import { realisticRun } from './support/realistic-run';
import type { RecordedRun, RunToRecord } from './support/recorder-page/recorder-page-api';

/**
 * History, session detail and stored bytes in real Chromium, against the production build, with the database
 * filled through the app's own code: the 3-hour run and the hour are recorded by RunRecording and stored by
 * SessionStore in the page (support/recorder-page), the thousand history sessions are imported by
 * SessionStore.importSessions (support/browser-seed.ts).
 *
 * What is timed, inside the page with performance.now(): until the screen shows its result — the history list with
 * its first page of items in the DOM; the detail's summary with the heart-rate chart drawn by Chart.js; or, for
 * "all charts", that and the HRV section opened the moment the summary shows (as a tap on it would) with its
 * tachogram, Poincaré plot and DFA α1 drawn too — and then until the next frame has been rendered (a
 * requestAnimationFrame callback, then a message-channel task, which runs after that frame's paint). The figure is
 * that second time: the runner sees the screen then. It includes the IndexedDB reads, decoding the samples,
 * Svelte's rendering, Chart.js, layout and paint.
 *
 * Warm (`x.ms`): from setting `location.hash` in the running app (what tapping the link does), the screen's code
 * already loaded once; the median of `warmRuns`, leaving for home between runs.
 * Cold (`x.cold.ms`): a first visit, with nothing in memory and nothing cached: the HTTP cache emptied (code cache
 * included), no service worker (blocked, so it never precaches), a new tab loading the app straight at the screen's
 * address; timed from the navigation's start, so it includes loading and starting the app. The median of
 * `coldRuns` such visits.
 *
 * storage.bytesPerHour: how much navigator.storage.estimate().usage grew while an hour of running was recorded
 * and finished, from the empty database, in a profile on disk: what Chromium says the hour takes right after it.
 * Chromium keeps IndexedDB in LevelDB, which first appends every write transaction to its log (each 5-second chunk,
 * each session update, and finishSession's merge and deletes); the log is compacted into tables, without the
 * deleted live chunks, only once it reaches its size limit (about 4 MB), not on close or reopen. So this is mostly
 * log, and what the session keeps after compaction is close to the session record plus
 * storage.encodedBytesPerHour: the sample codec's bytes of that hour as stored (every chunk's bytes).
 */

const chromium = installedChromium();
if (chromium === undefined) {
  console.log(
    'browser-storage bench skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH); ' +
      'history.open1000, detail.load3h, detail.load3hAllCharts and storage.bytesPerHour are not measured.',
  );
}

const warmRuns = 7;
const coldRuns = 5;
const day = 86_400_000;
const hour = 3_600_000;

interface NavigationTime {
  /** Until the DOM shows the result. */
  shownMs: number;
  /** Until the frame after that has been rendered. */
  paintedMs: number;
}

type Target =
  | { kind: 'history'; count: number }
  | {
      kind: 'detail';
      /** Captions of the charts that must be drawn. */
      chartCaptions: string[];
      /** The summary text of a collapsed section to open as soon as the detail's summary shows. */
      openSection?: string;
    };

declare global {
  interface Window {
    __calmRunBenchTiming?: Promise<NavigationTime>;
  }
}

/**
 * In the page: watches the DOM until the target is shown, then waits for the next rendered frame. With `hash`, sets
 * it and times from there; without, times from the navigation's start (used as an init script). Self-contained: it
 * runs in the page, also as source text.
 */
function timeUntilPainted(arg: { target: Target; hash?: string }): Promise<NavigationTime> {
  const { target, hash } = arg;
  return new Promise<NavigationTime>((resolve, reject) => {
    const startedAt = hash === undefined ? 0 : performance.now();
    let sectionOpened = false;
    const chartDrawn = (caption: string): boolean => {
      const figure = Array.from(document.querySelectorAll('figure')).find(
        (candidate) => candidate.querySelector('figcaption')?.textContent.trim() === caption,
      );
      const canvas = figure?.querySelector('canvas');
      // Chart.js marks the canvas it owns while constructing the chart; with animation off the constructor
      // draws before it returns, so the mark seen from a later microtask means the chart is drawn.
      return canvas !== null && canvas !== undefined && '$chartjs' in canvas;
    };
    const isShown = (): boolean => {
      if (target.kind === 'history') {
        return document.querySelector('[data-testid="history-list"]')?.children.length === target.count;
      }
      if (document.querySelector('[data-testid="session-summary"]') === null) return false;
      if (target.openSection !== undefined && !sectionOpened) {
        const summary = Array.from(document.querySelectorAll('details > summary')).find(
          (candidate) => candidate.textContent.trim() === target.openSection,
        );
        if (!(summary instanceof HTMLElement)) return false;
        summary.click();
        sectionOpened = true;
      }
      return target.chartCaptions.every(chartDrawn);
    };
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${hash ?? location.hash} was not shown within 30 s`));
    }, 30_000);
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
    observer.observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['width', 'height', 'style'],
    });
    if (hash !== undefined) location.hash = hash;
  });
}

async function backHome(page: Page): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await page.getByTestId('start-run').waitFor();
  // Let the previous screen's leftovers (chart teardown, pending reads) settle before the next timing.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
}

/** In the running app: the first visit of the screen (printed), then the median of `warmRuns` more. */
async function measureWarm(
  page: Page,
  hash: string,
  target: Target,
): Promise<{ first: NavigationTime; median: NavigationTime }> {
  await backHome(page);
  const first = await page.evaluate(timeUntilPainted, { target, hash });
  const runs: NavigationTime[] = [];
  for (let run = 0; run < warmRuns; run++) {
    await backHome(page);
    runs.push(await page.evaluate(timeUntilPainted, { target, hash }));
  }
  return {
    first,
    median: {
      shownMs: median(runs.map((run) => run.shownMs)),
      paintedMs: median(runs.map((run) => run.paintedMs)),
    },
  };
}

/**
 * First visits: each in a new tab after the HTTP cache was emptied, with no other tab of the app open (so no
 * renderer keeps the code in memory), loading the app at the screen's address. Returns every run's time.
 */
async function measureCold(
  context: BrowserContext,
  baseUrl: string,
  hash: string,
  target: Target,
  pageErrors: string[],
): Promise<NavigationTime[]> {
  const runs: NavigationTime[] = [];
  for (let run = 0; run < coldRuns; run++) {
    expect(context.pages(), 'no other tab of the app is open').toEqual([]);
    const page = await context.newPage();
    watchErrors(page, pageErrors);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await cdp.detach();
    await page.addInitScript({
      content: `window.__calmRunBenchTiming = (${timeUntilPainted.toString()})(${JSON.stringify({ target })});`,
    });
    await page.goto(new URL(`/${hash}`, baseUrl).href);
    runs.push(
      await page.evaluate(() => {
        const timing = window.__calmRunBenchTiming;
        if (!timing) throw new Error('The timing script did not run');
        return timing;
      }),
    );
    await page.close();
  }
  return runs;
}

function watchErrors(page: Page, pageErrors: string[]): void {
  page.on('pageerror', (error) => {
    pageErrors.push(`${error.name}: ${error.message}`);
  });
}

const round = (ms: number) => ms.toFixed(1);
const list = (runs: readonly NavigationTime[]) => runs.map((run) => round(run.paintedMs)).join(', ');

/** A run as the strap sends it (support/realistic-run.ts), with the runner's answers around it. */
function runToRecord(durationMs: number, seed: number, startedAtWallMs: number): RunToRecord {
  const zone = { lowBpm: 130, highBpm: 155, method: 'percent-reserve' as const };
  const { happenings } = realisticRun({ durationMs, seed, zone });
  return {
    durationMs,
    happenings,
    startedAtWallMs,
    strap: { name: 'Polar H10 A1B2C3D4', bodySensorLocation: 'chest', batteryPercent: 80 },
    runner: { id: 'runner-0', name: 'Ann' },
    zone,
    plan: { planId: 'calm-8w', name: 'Calm start, 8 weeks', courseWeek: 3, courseRun: 2 },
    before: { feeling: 1, arousal: 2 },
    after: {
      after: { feeling: 3, arousal: 3 },
      exertion: 4,
      notes: 'Felt heavy at first, easier after the bridge. Slept badly the night before, so kept it gentle.',
    },
  };
}

function describeRecorded(label: string, run: RunToRecord, recorded: RecordedRun): string {
  const events = recorded.meta.events;
  const count = (type: string) => events.filter((event) => event.type === type).length;
  return (
    `${label}: recorded through RunRecording in ${(recorded.recordingMs / 1000).toFixed(1)} s: ` +
    `${run.happenings.filter((happening) => happening.kind === 'packet').length} notifications, ` +
    `${recorded.samples} samples, ${recorded.meta.summary?.beatCount ?? 0} beats ` +
    `(${(recorded.meta.summary?.artifactPct ?? 0).toFixed(2)} % artifacts), ` +
    `${count('cue')} cues, ${count('gap')} gap(s), ${count('strap-disconnected')} dropout(s); ` +
    `${recorded.chunksAppended} chunks appended, merged into ${recorded.chunkRecordsStored} record(s) ` +
    `of ${recorded.encodedBytes} codec bytes`
  );
}

describe.skipIf(chromium === undefined)('browser storage: history, detail and bytes in Chromium', () => {
  let app: BenchApp | undefined;
  let browser: Browser | undefined;
  let chromiumVersion = '';

  beforeAll(async () => {
    app = await startBenchApp();
    browser = await launchChromium({ webBluetooth: false });
    chromiumVersion = browser.version();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  function started(): { app: BenchApp; browser: Browser } {
    if (!app || !browser) throw new Error('The app or the browser did not start');
    return { app, browser };
  }

  /** A context of its own (its own empty database and cache), with service workers blocked (see above). */
  function freshContext(): Promise<BrowserContext> {
    return started().browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  }

  async function openApp(context: BrowserContext, pageErrors: string[]): Promise<Page> {
    const page = await context.newPage();
    watchErrors(page, pageErrors);
    await page.goto(new URL('/#/', started().app.baseUrl).href);
    await page.getByTestId('start-run').waitFor();
    return page;
  }

  test('history: opening it with 1,000 stored sessions', async () => {
    const { baseUrl } = started().app;
    const context = await freshContext();
    const pageErrors: string[] = [];
    const recorder = await context.newPage();
    await openRecorder(recorder, baseUrl);
    // Four real sessions (25 to 55 minutes at about 150 bpm) as templates, a thousand runs from them, one a day.
    const templates = [25, 35, 45, 55].map((minutes, index) =>
      seedSession(`template-${index}`, Date.UTC(2023, 0, 1), minutes, { seed: index + 1 }),
    );
    const sessions = Array.from({ length: 1000 }, (_, index) => {
      const template = index % templates.length;
      const source = templates[template];
      if (!source) throw new Error('no template');
      const id = `run-${String(index).padStart(4, '0')}`;
      return { template, meta: copyMeta(source, id, Date.UTC(2023, 0, 1, 7) + index * day, index) };
    });
    const importStartedAt = performance.now();
    expect(await importSessionsInPage(recorder, templates, sessions)).toBe(1000);
    console.log(
      `history: 1,000 sessions imported through SessionStore.importSessions in ` +
        `${((performance.now() - importStartedAt) / 1000).toFixed(1)} s`,
    );
    await recorder.close();

    // History reads all 1,000 summaries and shows the newest page of them; the screen is open when that is drawn.
    const firstPage = 50;
    const target: Target = { kind: 'history', count: firstPage };
    const cold = await measureCold(context, baseUrl, '#/history', target, pageErrors);
    const page = await openApp(context, pageErrors);
    const { first, median: warm } = await measureWarm(page, '#/history', target);
    const items = page.getByTestId('history-list').locator('li');
    expect(await items.count()).toBe(firstPage);
    expect(await page.getByRole('button', { name: 'Show 50 more' }).count()).toBe(1);
    // Newest first.
    expect(await items.first().locator('a').getAttribute('href')).toBe('#/session/run-0999');
    console.log(
      `history.open1000: cold first visits ${list(cold)} ms; in the running app, first visit ` +
        `${round(first.paintedMs)} ms; median of ${warmRuns}: list in the DOM ${round(warm.shownMs)} ms, ` +
        `painted ${round(warm.paintedMs)} ms`,
    );
    expect(pageErrors).toEqual([]);
    const measuredWith = { chromium: chromiumVersion };
    recordFigure('history.open1000.ms', warm.paintedMs, 'ms', measuredWith);
    recordFigure('history.open1000.cold.ms', median(cold.map((run) => run.paintedMs)), 'ms', measuredWith);
    await context.close();
  });

  test('detail: a 3-hour run, its summary and heart-rate chart, and with every section opened', async () => {
    const { baseUrl } = started().app;
    const context = await freshContext();
    const pageErrors: string[] = [];
    const recorder = await context.newPage();
    watchErrors(recorder, pageErrors);
    await openRecorder(recorder, baseUrl);
    const run = runToRecord(3 * hour, 9, Date.UTC(2024, 5, 1, 6));
    const recorded = await recordRunInPage(recorder, run);
    console.log(describeRecorded('detail: the 3-hour run', run, recorded));
    await recorder.close();
    const dfaPoints = recorded.meta.summary?.dfaAlpha1Timeline?.length ?? 0;
    expect(dfaPoints, 'the run has a DFA α1 timeline, so the section has all its charts').toBeGreaterThan(0);

    const hash = `#/session/${recorded.sessionId}`;
    const summaryOnly: Target = { kind: 'detail', chartCaptions: [m.chartHeartRate()] };
    const allCharts: Target = {
      kind: 'detail',
      chartCaptions: [m.chartHeartRate(), m.chartTachogram(), m.chartPoincare(), m.chartDfa()],
      openSection: m.hrvDetails(),
    };
    const cold = await measureCold(context, baseUrl, hash, summaryOnly, pageErrors);
    const coldAll = await measureCold(context, baseUrl, hash, allCharts, pageErrors);

    const page = await openApp(context, pageErrors);
    const { first, median: warm } = await measureWarm(page, hash, summaryOnly);
    // The summary is the stored one, and the chart really has pixels on it.
    expect(await page.getByTestId('summary-beats').textContent()).toBe(
      (recorded.meta.summary?.beatCount ?? -1).toLocaleString('en'),
    );
    const paintedPixels = await page
      .getByRole('figure')
      .filter({ hasText: m.chartHeartRate() })
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const context2d = canvas.getContext('2d');
        if (!context2d) return 0;
        const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        for (let alpha = 3; alpha < data.length; alpha += 4) if ((data[alpha] ?? 0) > 0) painted++;
        return painted;
      });
    expect(paintedPixels).toBeGreaterThan(1000);
    const { first: firstAll, median: warmAll } = await measureWarm(page, hash, allCharts);
    for (const caption of allCharts.chartCaptions) {
      expect(await page.getByRole('figure').filter({ hasText: caption }).locator('canvas').count()).toBe(1);
    }
    console.log(
      `detail.load3h: cold first visits ${list(cold)} ms; in the running app, first visit ` +
        `${round(first.paintedMs)} ms; median of ${warmRuns}: summary and chart in the DOM ` +
        `${round(warm.shownMs)} ms, painted ${round(warm.paintedMs)} ms`,
    );
    console.log(
      `detail.load3hAllCharts: cold first visits ${list(coldAll)} ms; in the running app, first visit ` +
        `${round(firstAll.paintedMs)} ms; median of ${warmRuns}: every chart in the DOM ` +
        `${round(warmAll.shownMs)} ms, painted ${round(warmAll.paintedMs)} ms`,
    );
    expect(pageErrors).toEqual([]);
    const measuredWith = { chromium: chromiumVersion };
    recordFigure('detail.load3h.ms', warm.paintedMs, 'ms', measuredWith);
    recordFigure('detail.load3h.cold.ms', median(cold.map((time) => time.paintedMs)), 'ms', measuredWith);
    recordFigure('detail.load3hAllCharts.ms', warmAll.paintedMs, 'ms', measuredWith);
    recordFigure(
      'detail.load3hAllCharts.cold.ms',
      median(coldAll.map((time) => time.paintedMs)),
      'ms',
      measuredWith,
    );
    await context.close();
  });

  test('storage: bytes an hour of running takes in Chromium', async () => {
    const { baseUrl } = started().app;
    // A real profile on disk, as a runner's browser has (Playwright's usual contexts keep storage in memory).
    const userDataDir = mkdtempSync(join(tmpdir(), 'calm-run-bench-profile-'));
    const context = await chromiumBrowser.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      headless: true,
      args: chromiumArgs({ webBluetooth: false }),
      serviceWorkers: 'block',
    });
    try {
      const pageErrors: string[] = [];
      const recorder = await context.newPage();
      watchErrors(recorder, pageErrors);
      await openRecorder(recorder, baseUrl);
      await prepareDatabaseInPage(recorder);
      const before = await storageUsageInPage(recorder);
      const run = runToRecord(hour, 7, Date.UTC(2024, 5, 2, 6));
      const recorded = await recordRunInPage(recorder, run);
      const after = await storageUsageInPage(recorder);
      console.log(describeRecorded('storage: the hour', run, recorded));
      const grewBytes = after.usageBytes - before.usageBytes;
      const transactions = Object.values(recorded.writes).reduce((sum, count) => sum + count, 0);
      console.log(
        `storage: navigator.storage.estimate() usage ${before.usageBytes} B with the empty database, ` +
          `${after.usageBytes} B after the hour (IndexedDB ${before.indexedDbBytes ?? '?'} B, then ` +
          `${after.indexedDbBytes ?? '?'} B); ${transactions} write transactions ` +
          `(${Object.entries(recorded.writes)
            .map(([method, count]) => `${count} ${method}`)
            .join(', ')}), ${(grewBytes / transactions).toFixed(0)} B of growth each`,
      );
      expect(pageErrors).toEqual([]);
      expect(after.usageBytes).toBeGreaterThan(before.usageBytes);
      const measuredWith = { chromium: chromiumVersion };
      recordFigure('storage.bytesPerHour', grewBytes, 'bytes', measuredWith);
      recordFigure('storage.encodedBytesPerHour', recorded.encodedBytes, 'bytes', measuredWith);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
