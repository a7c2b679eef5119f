import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { m } from '../../src/paraglide/messages.js';
import { installedChromium, launchChromium, type AppPage } from '../e2e/support/browser';
import { button, pairStrap } from '../e2e/support/calm-run-page';
import {
  openAppWithBluetooth,
  type EmulatedBluetooth,
  type EmulatedStrap,
  type StrapOptions,
} from '../e2e/support/emulated-strap';
import { expectAttribute } from '../e2e/support/expect-page';
import { buildProduction } from '../e2e/support/production-build';
import { measurementPacket } from '../e2e/support/sessions';
import { topFunctions } from './support/cpu-profile';
import { recordFigure } from './support/figures';

/**
 * The live screen as a runner meets it: the production build in real Chromium, a chest strap emulated through the
 * DevTools protocol and reached through the real `navigator.bluetooth`, and beside it, in the same browser and the
 * same run, a floor: live-floor/, the least page that connects to the same strap the same way and only sets the
 * number. Served by the same server, from the build's own folder.
 *
 * live.connectToFirstNumber.ms: from the tap on "Connect strap" (the click event's timeStamp) until a
 * MutationObserver sees the first heart rate in the number; the strap sends its first packet as soon as the page has
 * subscribed to its notifications. A fresh browser context each time, the page settled before the tap (no network
 * for 500 ms, and the app's service worker installed: on a first visit it downloads the whole build into its
 * precache in the background, which on a busy machine slows whatever runs meanwhile); median of `connectRuns`, app
 * and floor taking turns. The main thread's CPU time meanwhile is printed beside it: the wall time is mostly waiting
 * for the chooser, the connection and the emulation's answers.
 *
 * live.packetToNumber.p95.ms: from the `characteristicvaluechanged` event (its timeStamp: the event is created just
 * before it is dispatched to the page's listener, so the bench's own listener may come after the page's) until the
 * MutationObserver on the number sees the new text. The app is on the run screen, recording a run, with a runner
 * whose zone is set (zone word and zone band showing) and the heart-rate chart drawn.
 *
 * live.mainThreadPerPacket.ms: the renderer main thread's CPU time (DevTools `Performance.getMetrics` ThreadTime:
 * script, style, layout, paint, everything, without the time it waited for a core on a busy machine, which
 * TaskDuration counts) over the timed packets, less what the same page costs idle for as long (its one-second clocks),
 * divided by the packets. The breakdown (TaskDuration and its parts) is printed too. It includes the delivery itself
 * (the page's read, the bench's listener and observer, the frame rendered after each packet), as the floor's does.
 *
 * Packets are delivered from inside the page: it reads its own Heart Rate Measurement characteristic, which the
 * emulated strap answers with the next queued packet, and Chromium fires `characteristicvaluechanged` on the object
 * the page listens to (see shared/design/E2E-BLUETOOTH.md). One packet at a time, each after the previous one's
 * number is shown and a frame has been rendered after it, then `packetGapMs` more: so a frame-throttled chart still
 * draws once per packet, as it does at a real strap's one packet a second. `warmupPackets` first, then
 * `timedPackets`. Each figure is also recorded as a ratio to the floor's (`...VsFloor`).
 *
 * LIVE_BENCH_PROFILE=1 builds unminified and prints the top functions by self time (CDP Profiler) of each page's
 * connects and timed packets, the floor's as well as the app's; its figures are not comparable.
 */

const chromium = installedChromium();
if (chromium === undefined) {
  console.log(
    'live bench skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH); ' +
      'live.packetToNumber.p95.ms, live.mainThreadPerPacket.ms and live.connectToFirstNumber.ms are not measured.',
  );
}

const connectRuns = 11;
const warmupPackets = 30;
const timedPackets = 300;
const packetGapMs = 30;
const idleMs = 4000;
const floorPath = '/live-floor/';
const profiling = process.env.LIVE_BENCH_PROFILE === '1';

/** Runs `work` under the CDP Profiler when profiling, and prints where the page's time went. */
async function profiled<T>(session: CDPSession, label: string, work: () => Promise<T>): Promise<T> {
  if (!profiling) return work();
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  const startedAt = Date.now();
  const result = await work();
  const { profile } = await session.send('Profiler.stop');
  console.log(
    `${label} profile, self time in ms per second:\n${topFunctions(profile, Date.now() - startedAt, 45)}`,
  );
  return result;
}

/** A strap as a runner wears one: it reports where it is worn, its battery and who made it. */
const strapOptions: StrapOptions = {
  address: '0C:8C:DC:40:50:60',
  name: 'Polar H10 B7C8D9E0',
  batteryPercent: 91,
  bodySensorLocation: 1,
  manufacturer: 'Polar Electro Oy',
  model: 'H10',
  firmware: '5.0.0',
};

/** Heart rates around a 120-140 bpm zone, never the same twice in a row, so every packet changes the number. */
function heartRateAt(index: number): number {
  return 124 + ((index * 7) % 23);
}

/** One or two RR intervals, as a strap sends them at this heart rate. */
function packetAt(index: number): number[] {
  const heartRateBpm = heartRateAt(index);
  const rrMs = Math.round(60_000 / heartRateBpm);
  return measurementPacket(heartRateBpm, index % 3 === 0 ? [rrMs, rrMs + 4] : [rrMs]);
}

interface OpenedPage {
  app: AppPage;
  bluetooth: EmulatedBluetooth;
  strap: EmulatedStrap;
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const median = (values: readonly number[]): number => percentile(values, 50);
const round = (value: number, digits = 2) => value.toFixed(digits);

/** Renderer main-thread durations (seconds) from DevTools, for a delta over a stretch of time. */
async function mainThreadMetrics(session: CDPSession): Promise<Record<string, number>> {
  const { metrics } = await session.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

/**
 * What the renderer's main thread spent: ThreadTime is its CPU time, the figure, as it does not count the time the
 * thread waited for a core on a busy machine; TaskDuration is the wall time of its tasks, which does; the others are
 * parts of TaskDuration.
 */
const durationNames = [
  'ThreadTime',
  'TaskDuration',
  'ScriptDuration',
  'RecalcStyleDuration',
  'LayoutDuration',
  'TaskOtherDuration',
] as const;
type Durations = Record<(typeof durationNames)[number], number>;

/** Milliseconds of each duration between two readings. */
function durationsBetween(before: Record<string, number>, after: Record<string, number>): Durations {
  const ms = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return Object.fromEntries(durationNames.map((name) => [name, ms(name)])) as Durations;
}

/**
 * Times the tap on the connect button until the first number shows, with the strap's first packet sent as soon as
 * the page subscribes to its notifications.
 */
async function timeConnect(
  page: Page,
  bluetooth: EmulatedBluetooth,
  strap: EmulatedStrap,
  label: string,
): Promise<{ wallMs: number; cpuMs: number }> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => {
    let shown: (times: { clickAt: number; firstNumberAt: number }) => void = () => undefined;
    let clickAt = Number.NaN;
    Object.assign(window, {
      firstNumberShown: new Promise((resolve) => {
        shown = resolve;
      }),
    });
    window.addEventListener(
      'click',
      (event) => {
        clickAt = event.timeStamp;
      },
      { capture: true, once: true },
    );
    const observer = new MutationObserver(() => {
      const text = document.querySelector('[data-testid="heart-rate"]')?.textContent.trim() ?? '';
      if (!/^\d+$/u.test(text)) return;
      observer.disconnect();
      shown({ clickAt, firstNumberAt: performance.now() });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  let sent: Promise<number> | undefined;
  const onOperation = (event: { type: string }) => {
    if (event.type === 'subscribe-to-notifications' && !sent) sent = strap.sendMeasurement(packetAt(0));
  };
  bluetooth.session.on('BluetoothEmulation.characteristicOperationReceived', onOperation);
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const before = await mainThreadMetrics(session);
  try {
    const { clickAt, firstNumberAt } = await profiled(session, label, async () => {
      await button(page, m.connectStrap()).click();
      return page.evaluate(
        () =>
          (window as unknown as { firstNumberShown: Promise<{ clickAt: number; firstNumberAt: number }> })
            .firstNumberShown,
      );
    });
    const cpuMs = durationsBetween(before, await mainThreadMetrics(session)).ThreadTime;
    await sent;
    return { wallMs: firstNumberAt - clickAt, cpuMs };
  } finally {
    bluetooth.session.off('BluetoothEmulation.characteristicOperationReceived', onOperation);
    await session.detach();
  }
}

interface PacketRun {
  /** Event to new text in the number, per packet (ms). */
  latenciesMs: number[];
  /** Packets whose read returned other bytes than queued: must be 0. */
  mismatches: number;
  elapsedMs: number;
}

/** Delivers the packets from inside the page, one at a time (see the file comment), and times each. */
async function deliverPackets(
  page: Page,
  strap: EmulatedStrap,
  indices: readonly number[],
): Promise<PacketRun> {
  strap.queueMeasurements(indices.map((index) => packetAt(index)));
  return page.evaluate(
    async ({ heartRates, gapMs }) => {
      const devices = await navigator.bluetooth.getDevices();
      const device = devices[0];
      if (!device?.gatt) throw new Error('The page has no Bluetooth device');
      // The very object the page listens to: Web Bluetooth hands out one object per characteristic.
      const characteristic = await (
        await device.gatt.getPrimaryService('heart_rate')
      ).getCharacteristic('heart_rate_measurement');
      const number = document.querySelector('[data-testid="heart-rate"]');
      if (!number) throw new Error('The page shows no heart rate');
      let eventAt = Number.NaN;
      const onValue = (event: Event) => {
        eventAt = event.timeStamp;
      };
      characteristic.addEventListener('characteristicvaluechanged', onValue);
      let waiting: { text: string; resolve: (at: number) => void } | undefined;
      const observer = new MutationObserver(() => {
        if (waiting && number.textContent.trim() === waiting.text) {
          const { resolve } = waiting;
          waiting = undefined;
          resolve(performance.now());
        }
      });
      observer.observe(number, { subtree: true, childList: true, characterData: true });
      const latenciesMs: number[] = [];
      let mismatches = 0;
      const startedAt = performance.now();
      try {
        for (const heartRate of heartRates) {
          let timeout: ReturnType<typeof setTimeout> | undefined;
          const shown = new Promise<number>((resolve, reject) => {
            waiting = { text: String(heartRate), resolve };
            timeout = setTimeout(() => {
              reject(new Error(`${heartRate} was not shown within 10 s`));
            }, 10_000);
          });
          const value = await characteristic.readValue();
          if (value.getUint8(1) !== heartRate) mismatches++;
          const shownAt = await shown;
          clearTimeout(timeout);
          latenciesMs.push(shownAt - eventAt);
          await new Promise<void>((resolve) => {
            requestAnimationFrame(() => {
              setTimeout(resolve, gapMs);
            });
          });
        }
      } finally {
        observer.disconnect();
        characteristic.removeEventListener('characteristicvaluechanged', onValue);
      }
      return { latenciesMs, mismatches, elapsedMs: performance.now() - startedAt };
    },
    { heartRates: indices.map(heartRateAt), gapMs: packetGapMs },
  );
}

interface PacketFigures {
  medianMs: number;
  p95Ms: number;
  mainThreadPerPacketMs: number;
}

/** Warm-up, an idle stretch, then the timed packets with the main thread's time around them. */
async function measurePackets(label: string, opened: OpenedPage): Promise<PacketFigures> {
  const { app, strap } = opened;
  const session = await app.context.newCDPSession(app.page);
  await session.send('Performance.enable');
  let next = 1;
  const take = (count: number) => Array.from({ length: count }, () => next++);
  const warmup = await deliverPackets(app.page, strap, take(warmupPackets));
  expect(warmup.mismatches).toBe(0);

  const idleBefore = await mainThreadMetrics(session);
  await app.page.waitForTimeout(idleMs);
  const idle = durationsBetween(idleBefore, await mainThreadMetrics(session));

  const before = await mainThreadMetrics(session);
  const run = await profiled(session, label, () => deliverPackets(app.page, strap, take(timedPackets)));
  const busy = durationsBetween(before, await mainThreadMetrics(session));
  expect(run.mismatches).toBe(0);
  expect(run.latenciesMs).toHaveLength(timedPackets);
  await session.detach();

  // The page's own clocks tick meanwhile as they do idle: what is left is the packets' share.
  const idleShare = run.elapsedMs / idleMs;
  const perPacket = Object.fromEntries(
    durationNames.map((name) => [name, (busy[name] - idle[name] * idleShare) / timedPackets]),
  ) as Durations;
  const figures: PacketFigures = {
    medianMs: median(run.latenciesMs),
    p95Ms: percentile(run.latenciesMs, 95),
    mainThreadPerPacketMs: perPacket.ThreadTime,
  };
  const parts = durationNames
    .slice(1)
    .map((name) => `${name} ${round(perPacket[name], 3)}`)
    .join(', ');
  console.log(
    `${label}: packet -> number median ${round(figures.medianMs)} ms, p95 ${round(figures.p95Ms)} ms, ` +
      `max ${round(Math.max(...run.latenciesMs))} ms over ${timedPackets} packets in ${round(run.elapsedMs / 1000, 1)} s; ` +
      `main thread per packet: CPU ${round(perPacket.ThreadTime, 3)} ms (${parts} ms); ` +
      `idle CPU ${round((idle.ThreadTime / idleMs) * 1000, 1)} ms per s`,
  );
  return figures;
}

describe.skipIf(chromium === undefined)('live screen: a strap packet to the number, against a floor', () => {
  let outDir = '';
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    // Its own build in a temporary folder, so it never races an e2e run building into dist/; the floor beside it.
    outDir = mkdtempSync(join(tmpdir(), 'calm-run-live-'));
    await buildProduction(outDir, profiling ? { build: { minify: false } } : {});
    mkdirSync(join(outDir, 'live-floor'));
    for (const file of ['index.html', 'floor.js']) {
      copyFileSync(join(import.meta.dirname, 'live-floor', file), join(outDir, 'live-floor', file));
    }
    server = await preview({
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'warn',
    });
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('The preview server did not report a URL');
    baseUrl = url.replace('127.0.0.1', 'localhost');
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<OpenedPage> {
    if (!browser) throw new Error('The browser did not start');
    const { app, bluetooth } = await openAppWithBluetooth(browser, { path, baseUrl });
    const strap = await bluetooth.addStrap(strapOptions);
    return { app, bluetooth, strap };
  }

  /** Closes a page's context, after checking that nothing went wrong in it. */
  async function done(opened: OpenedPage): Promise<void> {
    expect(opened.bluetooth.problems).toEqual([]);
    opened.app.expectNoUnhandledErrors();
    await opened.app.context.close();
    // One emulated adapter at a time in the browser: the next page starts its own.
    await opened.bluetooth.stop();
  }

  test('connecting, then a run of packets, in the app and in the floor', async () => {
    const connect = { app: [] as number[], floor: [] as number[] };
    const connectCpu = { app: [] as number[], floor: [] as number[] };
    for (let run = 0; run < connectRuns; run++) {
      // Alternating, so that a busier moment of the machine does not land on one page only.
      for (const which of ['app', 'floor'] as const) {
        const opened = await open(which === 'app' ? '/' : floorPath);
        if (which === 'app') {
          await opened.app.page.getByTestId('start-run').waitFor();
          // Installed: the first visit's precache of the whole build is over (see the file comment).
          await opened.app.page.evaluate(async () => {
            await navigator.serviceWorker.ready;
          });
        }
        const { wallMs, cpuMs } = await timeConnect(
          opened.app.page,
          opened.bluetooth,
          opened.strap,
          `${which} connect`,
        );
        connect[which].push(wallMs);
        connectCpu[which].push(cpuMs);
        await done(opened);
      }
    }
    const connectApp = median(connect.app);
    const connectFloor = median(connect.floor);
    const each = (values: number[]) => values.map((value) => round(value, 1)).join(', ');
    console.log(
      `live.connectToFirstNumber: app ${each(connect.app)} ms; floor ${each(connect.floor)} ms; main-thread CPU ` +
        `meanwhile: app median ${round(median(connectCpu.app), 1)} ms, floor ${round(median(connectCpu.floor), 1)} ms`,
    );

    // The floor: connected, nothing else.
    const floor = await open(floorPath);
    await button(floor.app.page, 'Connect strap').click();
    await floor.app.page.locator('body[data-state="live"]').waitFor();
    const floorPackets = await measurePackets('floor', floor);
    await done(floor);

    // The app: a runner with a 120-140 bpm zone, the strap paired, a run being recorded on the run screen.
    const app = await open('/#/profile');
    const { page } = app.app;
    await page.getByLabel(m.runnerName()).fill('Sam');
    await page.getByLabel(m.zoneMethods_fixed()).check();
    await page.getByLabel(m.lowBpm()).fill('120');
    await page.getByLabel(m.highBpm()).fill('140');
    await button(page, m.saveProfile()).click();
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await pairStrap(page, app.bluetooth, app.strap);
    await page.getByTestId('start-run').click();
    await page.getByText(m.freeCalmRun()).click();
    await button(page, m.startWithoutAnswers()).click();
    await expectAttribute(page.getByTestId('recording-state'), 'data-status', 'recording');
    await page.getByTestId('zone-state').waitFor();
    await page.locator('canvas').first().waitFor();
    const appPackets = await measurePackets('app, run screen recording', app);
    await done(app);

    console.log(
      `floor: live.connectToFirstNumber ${round(connectFloor, 1)} ms, packet -> number p95 ` +
        `${round(floorPackets.p95Ms)} ms (median ${round(floorPackets.medianMs)}), main thread per packet ` +
        `${round(floorPackets.mainThreadPerPacketMs, 3)} ms`,
    );
    recordFigure('live.packetToNumber.p95.ms', appPackets.p95Ms, 'ms');
    recordFigure('live.packetToNumber.p95VsFloor', appPackets.p95Ms / floorPackets.p95Ms, 'ratio');
    recordFigure('live.packetToNumber.median.ms', appPackets.medianMs, 'ms');
    recordFigure('live.mainThreadPerPacket.ms', appPackets.mainThreadPerPacketMs, 'ms');
    recordFigure(
      'live.mainThreadPerPacketVsFloor',
      appPackets.mainThreadPerPacketMs / floorPackets.mainThreadPerPacketMs,
      'ratio',
    );
    recordFigure('live.connectToFirstNumber.ms', connectApp, 'ms');
    recordFigure('live.connectToFirstNumberVsFloor', connectApp / connectFloor, 'ratio');
    recordFigure('live.floor.packetToNumber.p95.ms', floorPackets.p95Ms, 'ms');
    recordFigure('live.floor.mainThreadPerPacket.ms', floorPackets.mainThreadPerPacketMs, 'ms');
    recordFigure('live.floor.connectToFirstNumber.ms', connectFloor, 'ms');
  });
});
