import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Locator } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { m } from '../../src/paraglide/messages.js';
import type { RunnerProfile } from '../../src/core/zones/runner-profile';
import { installedChromium, launchChromium } from '../e2e/support/browser';
import { hrmFlags, rrBytes } from '../e2e/support/calm-run-page';
import { EmulatedBluetooth, type EmulatedStrap } from '../e2e/support/emulated-strap';
import { expectAttribute } from '../e2e/support/expect-page';
import { buildProduction } from '../e2e/support/production-build';
import { topFunctions } from './support/cpu-profile';
import { recordFigure } from './support/figures';
import {
  benchFunctionNames,
  installDelivery,
  startCounting,
  startDelivery,
  stopDelivery,
  takeCounts,
} from './support/group-delivery';
import { renderFloorPct, snapshotWithoutScripts } from './support/render-floor';
import { benchCostInTrace } from './support/trace-attribution';

/**
 * The therapist's group screen, live, with eight runners, in real Chromium against the production build: eight
 * emulated straps over real Web Bluetooth (see ../../shared/design/E2E-BLUETOOTH.md), each paired through the
 * group setup screen's own buttons and Chrome's chooser, eight runner profiles with their own zones, and the group
 * run started, so recording (chunks into IndexedDB), zone tracking, cue decisions, attention and tile order all run.
 * Every strap sends one Heart Rate Measurement a second (heart rate, contact, one RR interval), the eight staggered
 * 125 ms apart, delivered from inside the page (support/group-delivery.ts): no DevTools command runs per packet.
 *
 * Figures, over a steady minute after a warm-up:
 * - group.mainThread.pct8straps: the page's main-thread busy time as a share of one core, from CDP
 *   Performance.getMetrics' TaskDuration (every task: script, style, layout, paint, commit, timers, IndexedDB and
 *   Bluetooth callbacks) in the thread's own CPU time (timeDomain 'threadTicks': on a shared machine a task's wall
 *   time also counts the moments the OS ran something else, and the waits of a frame's commit on the compositor
 *   thread), minus the bench's own share: its timer's read task, its listener and its observer, measured on a
 *   Chromium trace of the following seconds (tracing makes them a little slower, so this subtracts a little more
 *   than they cost untraced).
 * - group.packetToTile.p95.ms: from `characteristicvaluechanged` (the event's `timeStamp`) to the runner's tile
 *   showing the new heart rate (MutationObserver), p95 over every packet of the window; each packet's heart rate
 *   differs from the strap's last.
 * Printed besides: the floor (support/render-floor.ts), what Chromium alone spends showing eight numbers changing
 * once a second each on this very screen, without the app's scripts.
 *
 * GROUP_BENCH_PROFILE=1 builds unminified and prints the window's top functions by self time (CDP Profiler; the
 * profiler samples wall time, so a function that wakes another thread looks slower than its CPU time);
 * GROUP_BENCH_TRACE=file.json saves a trace of the window for DevTools. Both slow the page down: their runs'
 * figures are not comparable.
 */

const chromium = installedChromium();
if (chromium === undefined) {
  console.log(
    'group bench skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH); ' +
      'group.mainThread.pct8straps and group.packetToTile.p95.ms are not measured.',
  );
}

const warmupMs = 15_000;
/** GROUP_BENCH_WINDOW_MS shortens the window for a quick look; the figures are for the full minute. */
const windowMs = Number(process.env.GROUP_BENCH_WINDOW_MS ?? 60_000);
/** The traced seconds that measure the bench's own share. */
const attributionMs = 15_000;
/** The render floor's window (see support/render-floor.ts). */
const floorMs = 20_000;
const packetIntervalMs = 1000;
const strapCount = 8;
/** Queued per strap: pairing, warm-up, window, attribution, and slack, at one a second. */
const packetsPerStrap = Math.ceil((warmupMs + windowMs + attributionMs) / packetIntervalMs) + 90;
/** A tablet, as a therapist holds it. */
const viewport = { width: 1024, height: 900 };
const profiling = process.env.GROUP_BENCH_PROFILE === '1';
const tracePath = process.env.GROUP_BENCH_TRACE;

interface BenchRunner {
  profile: RunnerProfile;
  address: string;
  strapName: string;
  /** Mid-zone heart rate the strap hovers around. */
  steadyBpm: number;
}

const names = ['Anna', 'Bram', 'Chantal', 'Daan', 'Eva', 'Fatima', 'Gijs', 'Hanna'];
const runners: BenchRunner[] = names.slice(0, strapCount).map((name, index) => {
  const lowBpm = 118 + index * 2;
  return {
    profile: {
      id: `bench-runner-${index + 1}`,
      name,
      ageYears: 30 + index * 3,
      restingHrBpm: 60 + index,
      maxHrSource: 'tanaka',
      zone: { lowBpm, highBpm: lowBpm + 14, method: 'fixed' },
    },
    address: `B0:00:00:00:00:0${index + 1}`,
    strapName: `Bench strap ${name}`,
    steadyBpm: lowBpm + 7,
  };
});

/** One strap's packets: within the zone, each heart rate different from the one before, with contact and RR. */
function packetsOf(runner: BenchRunner): number[][] {
  const wobble = [0, 1, 2, 1, 0, -1, -2, -1];
  const flags = hrmFlags.contactSupported | hrmFlags.contactDetected | hrmFlags.rrIntervals;
  return Array.from({ length: packetsPerStrap }, (_, index) => {
    const bpm = runner.steadyBpm + (wobble[index % wobble.length] ?? 0);
    return [flags, bpm, ...rrBytes(60_000 / bpm)];
  });
}

type Metrics = Record<string, number>;

async function metrics(session: CDPSession): Promise<Metrics> {
  const { metrics: list } = await session.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/** Each metric's change between two readings; durations are in seconds. */
function deltasOf(before: Metrics, after: Metrics): Metrics {
  return Object.fromEntries(
    Object.keys(after).map((name) => [name, (after[name] ?? Number.NaN) - (before[name] ?? Number.NaN)]),
  );
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

describe.skipIf(chromium === undefined)('group run: eight straps live on one screen, in Chromium', () => {
  let outDir = '';
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    // Its own production build in a temporary folder, so it never races an e2e run building into dist/.
    outDir = mkdtempSync(join(tmpdir(), 'calm-run-bench-'));
    await buildProduction(outDir, profiling ? { build: { minify: false } } : {});
    server = await preview({
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'warn',
    });
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('The preview server did not report a URL');
    baseUrl = url.replace('127.0.0.1', 'localhost');
    browser = await launchChromium({ webBluetooth: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  test('eight straps at one packet a second: main-thread share and packet-to-tile latency', async () => {
    if (!browser) throw new Error('The browser did not start');
    const context = await browser.newContext({ viewport });
    await context.addInitScript(
      (preferences) => {
        if (localStorage.getItem('calm-run.preferences') === null) {
          localStorage.setItem('calm-run.preferences', preferences);
        }
      },
      JSON.stringify({ runners: runners.map((runner) => runner.profile) }),
    );
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
    });
    const bluetooth = await EmulatedBluetooth.start(browser, context, page);
    const straps: EmulatedStrap[] = [];
    for (const runner of runners) {
      straps.push(
        await bluetooth.addStrap({
          address: runner.address,
          name: runner.strapName,
          batteryPercent: 80,
          bodySensorLocation: 1,
        }),
      );
    }

    // The group put together as a therapist does: tick the runners, pair each one's strap in the chooser. By
    // keyboard: a mouse pointer left over the tiles makes Chromium hit-test it after every layout (a fake mouse
    // move, for hover), which a tablet used by touch never does.
    const press = async (locator: Locator, key: string) => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await page.goto(new URL('/#/group', baseUrl).href);
    const choices = page.getByTestId('group-runner-choice');
    await choices.first().waitFor();
    expect(await choices.count()).toBe(strapCount);
    for (let index = 0; index < strapCount; index++) {
      await press(choices.nth(index), 'Space');
      await expect.poll(() => choices.nth(index).isChecked()).toBe(true);
    }
    for (const [index, runner] of runners.entries()) {
      const strap = straps[index];
      if (!strap) throw new Error('no strap');
      bluetooth.chooseNext(strap.address);
      const name = runner.profile.name;
      await press(page.getByRole('button', { name: m.groupPairStrap({ name }), exact: true }), 'Enter');
      const row = page.getByTestId('group-strap-row').and(page.locator(`[data-runner="${name}"]`));
      await expectAttribute(row.getByTestId('connection-state'), 'data-state', 'live', 30_000);
    }
    expect(bluetooth.prompts.map((prompt) => prompt.answer)).toEqual(straps.map((strap) => strap.address));

    // Packets flow from here on, before the start, as from straps already on the runners' chests.
    for (const [index, strap] of straps.entries()) {
      const runner = runners[index];
      if (runner) strap.queueMeasurements(packetsOf(runner));
    }
    await installDelivery(
      page,
      runners.map((runner) => ({ strapName: runner.strapName, runnerName: runner.profile.name })),
      packetIntervalMs,
    );
    await startDelivery(page);

    await press(page.getByTestId('start-group-run'), 'Enter');
    const tiles = page.getByTestId('group-tile');
    await expect.poll(() => tiles.count(), { timeout: 20_000 }).toBe(strapCount);
    expect(page.url()).toContain('#/group/run');

    const session = await context.newCDPSession(page);
    await session.send('Performance.enable', { timeDomain: 'threadTicks' });
    // Warm-up: the first chunks stored, zone tracker and trend settled, the setup screen's garbage collected.
    await page.waitForTimeout(warmupMs);
    await startCounting(page);
    if (profiling) {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 200 });
      await session.send('Profiler.start');
    }
    if (tracePath !== undefined) {
      await browser.startTracing(page, {
        path: tracePath,
        categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'],
      });
    }
    const before = await metrics(session);
    await page.waitForTimeout(windowMs);
    const after = await metrics(session);
    const counts = await takeCounts(page);
    if (tracePath !== undefined) await browser.stopTracing();
    if (profiling) {
      const { profile } = await session.send('Profiler.stop');
      console.log(`group profile, self time in ms per second:\n${topFunctions(profile, windowMs)}`);
    }

    // The bench's own share, from a trace of the next seconds (same packets, same screen).
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await page.waitForTimeout(attributionMs);
    const trace = await browser.stopTracing();
    const snapshot = await snapshotWithoutScripts(page);
    await stopDelivery(page);
    const bench = benchCostInTrace(trace.toString('utf8'), benchFunctionNames.read, [
      benchFunctionNames.listener,
      benchFunctionNames.observer,
    ]);

    const floorPct = await renderFloorPct(browser, {
      url: new URL('/render-floor.html', baseUrl).href,
      html: snapshot,
      viewport,
      selector: '[data-testid="heart-rate"]',
      intervalMs: packetIntervalMs / strapCount,
      durationMs: floorMs,
    });

    const deltas = deltasOf(before, after);
    const wallS = deltas.Timestamp ?? Number.NaN;
    const pct = (name: string) => (100 * (deltas[name] ?? Number.NaN)) / wallS;
    const busyPct = pct('TaskDuration');
    const benchPct = (100 * bench.benchCpuMs) / bench.spanMs;
    const devToolsPct = pct('DevToolsCommandDuration');
    const appPct = busyPct - benchPct - devToolsPct;
    const share = (value: number) => `${value.toFixed(2)} %`;
    console.log(
      `group: main thread over ${wallS.toFixed(1)} s: busy ${share(busyPct)} of a core in CPU time (script ` +
        `${share(pct('ScriptDuration'))}, style ${share(pct('RecalcStyleDuration'))}, layout ` +
        `${share(pct('LayoutDuration'))}, the rest: paint, commit, Bluetooth and IndexedDB callbacks, GC ` +
        `${share(pct('TaskOtherDuration'))}); ${deltas.LayoutCount} layouts (${((deltas.LayoutCount ?? 0) / wallS).toFixed(1)}/s). ` +
        `Main thread CPU in all ${share(pct('ThreadTime'))}, the renderer process ${share(pct('ProcessTime'))}`,
    );
    console.log(
      `group: the bench's own share ${benchPct.toFixed(3)} % (traced ${(bench.spanMs / 1000).toFixed(1)} s: ` +
        `${bench.calls[benchFunctionNames.read]} reads, ${bench.calls[benchFunctionNames.listener]} listener calls, ` +
        `${bench.calls[benchFunctionNames.observer]} observer calls: ${bench.benchCpuMs.toFixed(1)} ms of ` +
        `${bench.taskCpuMs.toFixed(1)} ms of tasks), DevTools commands ${devToolsPct.toFixed(3)} %; ` +
        `the app: ${share(appPct)} (target at most 1 %)`,
    );
    console.log(
      `group: the floor, this screen's snapshot without scripts changing one heart rate every ` +
        `${packetIntervalMs / strapCount} ms: ${share(floorPct)}; the app's work besides showing the numbers: ` +
        share(appPct - floorPct),
    );

    const sorted = [...counts.latenciesMs].sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);
    console.log(
      `group: ${counts.packets} packets in the window (${(counts.packets / wallS).toFixed(2)}/s), ${sorted.length} ` +
        `shown on their tile, ${counts.neverShown} never shown, ${counts.failedReads} failed reads; packet to tile ` +
        `median ${percentile(sorted, 0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target at most 2 ms), max ` +
        `${(sorted.at(-1) ?? Number.NaN).toFixed(2)} ms`,
    );

    // A run that really ran: every packet delivered and shown, nothing thrown, the emulation answered everything.
    expect(counts.packets).toBeGreaterThanOrEqual(strapCount * (windowMs / packetIntervalMs) * 0.9);
    expect(sorted.length).toBeGreaterThanOrEqual(counts.packets * 0.99);
    expect(counts.failedReads).toBe(0);
    expect(bench.calls[benchFunctionNames.read]).toBeGreaterThan(0);
    expect(bluetooth.problems).toEqual([]);
    expect(pageErrors).toEqual([]);

    recordFigure('group.mainThread.pct8straps', appPct, '%');
    recordFigure('group.packetToTile.p95.ms', p95, 'ms');
    await bluetooth.stop();
    await context.close();
  });
});
