import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { m } from '../../src/paraglide/messages.js';
import { browserClock, type HeartRateSource } from '../../src/adapters/heart-rate-source';
import { openNatsLink } from '../../src/adapters/share/nats-link';
import { ShareCipher } from '../../src/adapters/share/share-cipher';
import type { ShareLink } from '../../src/adapters/share/share-link';
import { SharePublisher } from '../../src/adapters/share/share-publisher';
import { StrapEventHub } from '../../src/adapters/strap-event-hub';
import { encodeHeartRateMeasurement } from '../../src/core/ble/encode-heart-rate-measurement';
import { parseInvitationLink } from '../../src/core/share/invitation-link';
import type { ShareInvitation } from '../../src/core/share/share-invitation';
import { installedChromium, launchChromium } from '../e2e/support/browser';
import { expectAttribute } from '../e2e/support/expect-page';
import { buildProduction } from '../e2e/support/production-build';
import { fillShareLogins, makeInvitation } from '../e2e/support/share-invite';
import {
  natsServerPath,
  startNatsServer,
  testRunnerUser,
  testTherapistUser,
  type NatsTestServer,
} from '../support/nats-server';
import { topFunctions } from './support/cpu-profile';
import { threadSelfTimeByName } from './support/trace-attribution';
import { recordFigure } from './support/figures';
import { renderFloorPct, snapshotWithoutScripts } from './support/render-floor';

/**
 * Live share at the size of a large group: 50 runners sharing from their own phones to one therapist's group
 * screen, through a real nats-server on loopback (deploy/nats/test.conf), in real Chromium against the production
 * build. Each runner is the app's own runner side in Node: a SharePublisher (the app's frame encoder and AES-GCM
 * cipher) on its own NATS connection (@nats-io/transport-node, the app's nats-link), fed one Heart Rate Measurement a
 * second by a strap hub, with its presence every 5 s as the app sends it. The 50 are staggered 20 ms apart. The
 * therapist's page is the app as a therapist uses it: the invitation made on the group screen (its key and group id
 * are what the publishers use), the group run started, a tile per runner.
 *
 * Figures, over a window of SHARE_BENCH_MINUTES (default 5) after a warm-up:
 * - share.latencyP95.ms: from the packet's publish (the wall time the link took it, after sealing) to its heart rate
 *   on the runner's tile (a MutationObserver on the tiles; the next frame paints it), p95 over every packet
 *   published in the window. Each runner's heart rate differs from its last, so every packet changes its tile.
 * - share.mainThread.pct50runners: the page's main-thread busy time as a share of one core (CDP
 *   Performance.getMetrics' TaskDuration in thread CPU time); the bench's observer is counted in (a little more
 *   than the app alone).
 * Printed besides: the floor (support/render-floor.ts), what Chromium alone spends showing 50 numbers changing once a
 * second each on this very screen, without the app's scripts.
 * - share.lost.pct: packets published while connected that never showed on their tile.
 *
 * SHARE_BENCH_PROFILE=1 builds unminified and prints the window's top functions by self time (CDP Profiler); its
 * figures are not comparable.
 * SHARE_BENCH_TRACE=1 traces 10 s after the warm-up, before the window, and prints where the page's main thread's and its workers' time went, by trace event.
 */
const chromium = installedChromium();
const natsMissing = natsServerPath() === undefined;
if (chromium === undefined || natsMissing) {
  console.log(
    'share bench skipped: it needs Chromium (apt-get install -y chromium) and nats-server (apt-get install ' +
      'nats-server); share.latencyP95.ms, share.mainThread.pct50runners and share.lost.pct are not measured.',
  );
}

const runnerCount = 50;
const packetIntervalMs = 1000;
const warmupMs = 20_000;
const windowMinutes = Number(process.env.SHARE_BENCH_MINUTES ?? 5);
const windowMs = windowMinutes * 60_000;
/** After the window: the last packets' way to their tiles. */
const drainMs = 3000;
const viewport = { width: 1024, height: 900 };
const therapistName = 'Bench practice';
const profiling = process.env.SHARE_BENCH_PROFILE === '1';
const tracing = process.env.SHARE_BENCH_TRACE === '1';

interface BenchRunner {
  name: string;
  lowBpm: number;
  highBpm: number;
  hub: StrapEventHub;
  link: ShareLink;
  publisher: SharePublisher;
  /** Heart rates handed to the publisher and not yet published, oldest first. */
  pending: number[];
  /** Each packet the link took while connected: its heart rate and when. */
  published: { bpm: number; atWallMs: number }[];
  count: number;
}

/** The link as the publisher uses it; each hr message it takes while connected is that runner's oldest pending. */
function countingLink(inner: ShareLink, packets: Pick<BenchRunner, 'pending' | 'published'>): ShareLink {
  return {
    get state() {
      return inner.state;
    },
    onState: (listener) => inner.onState(listener),
    subscribe: (subject, onMessage) => inner.subscribe(subject, onMessage),
    close: () => inner.close(),
    publish: (subject, payload) => {
      const sent = inner.publish(subject, payload);
      if (subject.endsWith('.hr')) {
        const bpm = packets.pending.shift();
        if (sent && bpm !== undefined) packets.published.push({ bpm, atWallMs: Date.now() });
      }
      return sent;
    },
  };
}

async function startRunner(
  index: number,
  invitation: ShareInvitation,
  serverUrl: string,
): Promise<BenchRunner> {
  const cipher = await ShareCipher.fromRawKey(invitation.key);
  const lowBpm = 115 + (index % 10);
  const hub = new StrapEventHub(browserClock);
  hub.setState({ kind: 'live' });
  const strap: HeartRateSource = {
    id: `bench-strap-${String(index)}`,
    kind: 'bluetooth',
    connect: () => Promise.resolve(),
    disconnect: () => undefined,
    subscribe: (listener) => hub.subscribe(listener),
  };
  const packets: Pick<BenchRunner, 'pending' | 'published'> = { pending: [], published: [] };
  const link = countingLink(
    openNatsLink({
      serverUrl: '',
      ...testRunnerUser,
      name: 'calm-run-runner',
      connect: (options) => connect({ ...options, servers: serverUrl }),
    }),
    packets,
  );
  await new Promise<void>((resolve) => {
    const stop = link.onState((state) => {
      if (state === 'connected') {
        queueMicrotask(() => stop());
        resolve();
      }
    });
  });
  const name = `Runner ${String(index + 1).padStart(2, '0')}`;
  const publisher = new SharePublisher(strap, {
    link,
    cipher,
    groupId: invitation.groupId,
    runnerName: name,
    zone: { lowBpm, highBpm: lowBpm + 20 },
  });
  return { name, lowBpm, highBpm: lowBpm + 20, hub, link, publisher, ...packets, count: 0 };
}

/** One packet: mid-zone, each heart rate different from the one before. */
function beat(runner: BenchRunner): void {
  const wobble = [0, 1, 2, 1, 0, -1, -2, -1];
  const bpm = runner.lowBpm + 10 + (wobble[runner.count % wobble.length] ?? 0);
  runner.count++;
  runner.pending.push(bpm);
  const bytes = encodeHeartRateMeasurement({
    heartRateBpm: bpm,
    sensorContact: 'contact',
    rrIntervals1024: [Math.round(61_440 / bpm)],
  });
  runner.hub.notify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Records, in the page, each tile's heart rate as it changes: runner, value and the frame that shows it. */
async function watchTiles(page: Page): Promise<void> {
  await page.evaluate(() => {
    const shown: { runner: string; bpm: number; atWallMs: number }[] = [];
    (window as unknown as { __shareShown: typeof shown }).__shareShown = shown;
    const tiles = document.querySelector('[data-testid="group-tiles"]');
    if (!tiles) throw new Error('no tiles');
    const observer = new MutationObserver((mutations) => {
      const changed = new Set<Element>();
      for (const mutation of mutations) {
        const node = mutation.target;
        const element = node instanceof Element ? node : node.parentElement;
        const heartRate = element?.closest('[data-testid="heart-rate"]');
        if (heartRate) changed.add(heartRate);
      }
      if (changed.size === 0) return;
      // Timed when the tile's text changes: the next frame paints it. (Waiting for that frame here would cost the
      // page a frame request per packet, counted in its main-thread share.)
      const atWallMs = performance.timeOrigin + performance.now();
      for (const heartRate of changed) {
        shown.push({
          runner: heartRate.closest('[data-testid="group-tile"]')?.getAttribute('data-runner') ?? '',
          bpm: Number(heartRate.textContent.trim()),
          atWallMs,
        });
      }
    });
    observer.observe(tiles, { subtree: true, characterData: true, childList: true });
  });
}

async function takeShown(page: Page): Promise<{ runner: string; bpm: number; atWallMs: number }[]> {
  return page.evaluate(() => {
    const holder = window as unknown as { __shareShown: { runner: string; bpm: number; atWallMs: number }[] };
    return holder.__shareShown.splice(0);
  });
}

async function metrics(session: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await session.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

describe.skipIf(chromium === undefined || natsMissing)('live share: 50 runners to one therapist page', () => {
  let outDir = '';
  let preview_: PreviewServer | undefined;
  let browser: Browser | undefined;
  let server: NatsTestServer | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'calm-run-share-bench-'));
    await buildProduction(outDir, profiling ? { build: { minify: false } } : {});
    preview_ = await preview({
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1', strictPort: false },
      logLevel: 'warn',
    });
    const url = preview_.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('The preview server did not report a URL');
    baseUrl = url.replace('127.0.0.1', 'localhost');
    browser = await launchChromium({ webBluetooth: false });
    server = await startNatsServer('calmrun-share-bench');
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await preview_?.close();
    await server?.stop();
    if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
  });

  test(
    `${String(runnerCount)} runners at one packet a second for ${String(windowMinutes)} min: latency, main thread, loss`,
    async () => {
      if (!browser || !server) throw new Error('The browser or the server did not start');
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
      });

      // The therapist invites and starts the group run, as on the group screen.
      await page.goto(new URL('/#/group', baseUrl).href);
      await page.getByRole('heading', { name: m.shareTitle(), exact: true, level: 2 }).waitFor();
      await fillShareLogins(page, testRunnerUser, testTherapistUser);
      const { link } = await makeInvitation(page, server.wsUrl, therapistName);
      await expectAttribute(page.getByTestId('share-group-state'), 'data-link-state', 'connected', 30_000);
      await page.getByTestId('start-group-run').click();
      await page.waitForURL((url) => url.hash === '#/group/run');
      const parsed = parseInvitationLink(link);
      if (!parsed.ok) throw new Error(`The invitation shown is refused: ${parsed.refusal}`);

      const runners: BenchRunner[] = [];
      for (let index = 0; index < runnerCount; index++)
        runners.push(await startRunner(index, parsed.invitation, server.clientUrl));
      // One packet a second per runner, the 50 staggered across the second.
      const slotMs = packetIntervalMs / runnerCount;
      let slot = 0;
      const timer = setInterval(() => {
        const runner = runners[slot % runnerCount];
        slot++;
        if (runner) beat(runner);
      }, slotMs);

      try {
        const tiles = page.getByTestId('group-tile');
        await expect.poll(() => tiles.count(), { timeout: 60_000 }).toBe(runnerCount);
        const session = await context.newCDPSession(page);
        await session.send('Performance.enable', { timeDomain: 'threadTicks' });
        await watchTiles(page);
        await page.waitForTimeout(warmupMs);

        if (tracing) {
          await browser.startTracing(page, {
            categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
          });
          await page.waitForTimeout(10_000);
          const trace = (await browser.stopTracing()).toString('utf8');
          console.log(
            `share trace, self time by event on the page's main thread and its workers (10 s):\n${threadSelfTimeByName(trace)}`,
          );
        }
        await takeShown(page);
        const windowStartMs = Date.now();
        if (profiling) {
          await session.send('Profiler.enable');
          await session.send('Profiler.setSamplingInterval', { interval: 200 });
          await session.send('Profiler.start');
        }
        const before = await metrics(session);
        await page.waitForTimeout(windowMs);
        const after = await metrics(session);
        if (profiling) {
          const { profile } = await session.send('Profiler.stop');
          console.log(`share profile, self time in ms per second:\n${topFunctions(profile, windowMs)}`);
        }
        const windowEndMs = Date.now();
        await page.waitForTimeout(drainMs);
        const shown = await takeShown(page);
        const snapshot = await snapshotWithoutScripts(page);
        const floorPct = await renderFloorPct(browser, {
          url: new URL('/render-floor.html', baseUrl).href,
          html: snapshot,
          viewport,
          selector: '[data-testid="heart-rate"]',
          intervalMs: packetIntervalMs / runnerCount,
          durationMs: 20_000,
        });

        const byRunner = new Map<string, { bpm: number; atWallMs: number }[]>();
        for (const entry of shown) {
          const list = byRunner.get(entry.runner) ?? [];
          list.push(entry);
          byRunner.set(entry.runner, list);
        }
        // Each packet published in the window, matched in order with its tile's next change to its heart rate.
        const latenciesMs: number[] = [];
        let published = 0;
        let lost = 0;
        for (const runner of runners) {
          const changes = byRunner.get(runner.name) ?? [];
          let next = 0;
          for (const packet of runner.published) {
            if (packet.atWallMs < windowStartMs || packet.atWallMs > windowEndMs) continue;
            published++;
            while (next < changes.length && (changes[next]?.atWallMs ?? 0) < packet.atWallMs) next++;
            const change = changes[next];
            if (change?.bpm === packet.bpm) {
              latenciesMs.push(change.atWallMs - packet.atWallMs);
              next++;
            } else lost++;
          }
        }

        const wallS = (after.Timestamp ?? Number.NaN) - (before.Timestamp ?? Number.NaN);
        // Where the main thread's time goes, besides the total: scripts, and layouts (how many, how long).
        const perSecond = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) / wallS;
        console.log(
          `share: of the main thread, script ${(1000 * perSecond('ScriptDuration')).toFixed(1)} ms/s, layout ` +
            `${(1000 * perSecond('LayoutDuration')).toFixed(1)} ms/s in ${perSecond('LayoutCount').toFixed(1)} ` +
            `layouts/s, style ${(1000 * perSecond('RecalcStyleDuration')).toFixed(1)} ms/s; the rest is paint, ` +
            'commit and task overhead',
        );
        const busyPct =
          (100 * ((after.TaskDuration ?? Number.NaN) - (before.TaskDuration ?? Number.NaN))) / wallS;
        const sorted = latenciesMs.sort((a, b) => a - b);
        const p95 = percentile(sorted, 0.95);
        const lostPct = published === 0 ? Number.NaN : (100 * lost) / published;
        console.log(
          `share: ${String(runnerCount)} runners, ${String(published)} packets published in ${(wallS / 60).toFixed(1)} min ` +
            `(${(published / wallS).toFixed(1)}/s), ${String(sorted.length)} shown, ${String(lost)} never shown ` +
            `(${lostPct.toFixed(3)} %, target 0); publish to tile median ${percentile(sorted, 0.5).toFixed(1)} ms, ` +
            `p95 ${p95.toFixed(1)} ms (target at most 150), max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms; ` +
            `therapist page main thread ${busyPct.toFixed(2)} % of a core (target at most 5; the floor, this ` +
            `screen without scripts showing 50 numbers changing once a second each: ${floorPct.toFixed(2)} %)`,
        );

        // A run that really ran: every runner published all along, and the page threw nothing.
        expect(published).toBeGreaterThanOrEqual(runnerCount * (windowMs / packetIntervalMs) * 0.9);
        expect(pageErrors).toEqual([]);
        const chromiumVersion = { chromium: browser.version() };
        recordFigure('share.latencyP95.ms', p95, 'ms', chromiumVersion);
        recordFigure('share.mainThread.pct50runners', busyPct, '%', chromiumVersion);
        recordFigure('share.lost.pct', lostPct, '%', chromiumVersion);
      } finally {
        clearInterval(timer);
        await Promise.all(runners.map((runner) => runner.publisher.stop()));
        await Promise.all(runners.map((runner) => runner.link.close()));
        await context.close();
      }
    },
    (windowMinutes * 60 + 240) * 1000,
  );
});
