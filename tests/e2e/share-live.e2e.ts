import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerProfile } from '../../src/core/zones/runner-profile';
import { axeFindings } from './support/axe';
import { openApp, useBrowser, type AppPage } from './support/browser';
import { pairStrap } from './support/calm-run-page';
import { EmulatedBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { expectAttribute, expectText, textOf } from './support/expect-page';
import { groupTile, quickCoaching, seedPreferences } from './support/group-run';
import { measurementPacket, startRun, storedSession, unfinishedSessionIds } from './support/sessions';
import { agreeToInvitation, fillShareLogins, makeInvitation } from './support/share-invite';
import {
  natsServerPath,
  startNatsServer,
  testRunnerUser,
  testTherapistUser,
  type NatsTestServer,
} from '../support/nats-server';

/**
 * Live share end to end: the therapist's page and a runner's page in two browser contexts, through a real
 * nats-server on free loopback ports (deploy/nats/test.conf: the practice's own users and permissions), the
 * browser's own WebSocket client, and the runner's strap emulated over Bluetooth.
 */
const serverMissing = natsServerPath() === undefined;
if (serverMissing && process.env.CI === 'true') throw new Error('nats-server is required under CI');

const browser = useBrowser();
const therapistName = 'Praktijk De Loop';
const runner: RunnerProfile = {
  id: 'runner-sanne',
  name: 'Sanne',
  ageYears: 34,
  restingHrBpm: 58,
  maxHrSource: 'tanaka',
  zone: { lowBpm: 120, highBpm: 140, method: 'fixed' },
};
/** Presence every 5 s, "not sharing" after 3 missed: 15 s of silence and a margin for a loaded machine. */
const notSharingTimeoutMs = 45_000;
/** A server restart: both sides back within their backoff (at most 8 s between tries) and a margin. */
const reconnectTimeoutMs = 45_000;

let server: NatsTestServer | undefined;

beforeAll(async () => {
  if (!serverMissing) server = await startNatsServer('calmrun-share-live');
});

afterAll(async () => {
  await server?.stop();
});

function natsServer(): NatsTestServer {
  if (!server) throw new Error('nats-server did not start');
  return server;
}

/** The therapist's group screen with an invitation made and a group run started, waiting for shared runners. */
async function therapistWithInvitation(): Promise<{ app: AppPage; page: Page; link: string }> {
  const app = await openApp(browser(), {
    path: '/#/group',
    beforeLoad: async (context) => {
      await seedPreferences(context, []);
    },
  });
  const { page } = app;
  await page.getByRole('heading', { name: m.shareTitle(), exact: true, level: 2 }).waitFor();
  await fillShareLogins(page, testRunnerUser, testTherapistUser);
  const { link } = await makeInvitation(page, natsServer().wsUrl, therapistName);
  await expectAttribute(page.getByTestId('share-group-state'), 'data-link-state', 'connected');
  await page.getByTestId('start-group-run').click();
  await page.waitForURL((url) => url.hash === '#/group/run');
  await page.getByTestId('group-waiting-for-shared').waitFor();
  return { app, page, link };
}

/** A runner's page with their profile, an emulated strap in range, and the invitation agreed to. */
async function runnerWhoAgreed(
  link: string,
): Promise<{ app: AppPage; page: Page; bluetooth: EmulatedBluetooth; strap: EmulatedStrap }> {
  let started: EmulatedBluetooth | undefined;
  const app = await openApp(browser(), {
    path: '/',
    beforeLoad: async (context, page) => {
      await seedPreferences(context, [runner], quickCoaching);
      started = await EmulatedBluetooth.start(browser(), context, page);
    },
  });
  const bluetooth = started;
  if (!bluetooth) throw new Error('The Bluetooth emulation did not start');
  const { page } = app;
  const strap = await bluetooth.addStrap({ address: '5A:11:E0:00:00:01', name: 'Polar H10 Sanne' });
  await page.goto(link);
  await agreeToInvitation(page, therapistName);
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await pairStrap(page, bluetooth, strap);
  return { app, page, bluetooth, strap };
}

/** The runner's strap on a running chest: one packet a second at the heart rate set now, until stopped. */
class SteadyStrap {
  bpm = 0;
  sent = 0;
  problem: Error | undefined;
  #running = true;
  readonly #done: Promise<void>;

  constructor(strap: EmulatedStrap, bpm: number) {
    this.bpm = bpm;
    this.#done = (async () => {
      while (this.#running) {
        const rrMs = Math.round(60_000 / this.bpm);
        try {
          await strap.sendMeasurement(measurementPacket(this.bpm, [rrMs]));
          this.sent++;
        } catch (error) {
          this.problem = error instanceof Error ? error : new Error(String(error));
          return;
        }
        await sleep(1000);
      }
    })();
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#done;
    if (this.problem !== undefined) throw this.problem;
  }
}

/** Console errors but Chromium's own line for a WebSocket refused while the server restarts. */
function problemsBesidesRestart(app: AppPage, wsUrl: string): string[] {
  return app.problems.filter((problem) => !problem.includes(`WebSocket connection to '${wsUrl}/`));
}

describe.skipIf(serverMissing)('live share through a real NATS server', () => {
  it('shows the runner on the therapist’s screen, carries on through a server restart, and turns "not sharing" when the runner goes', async () => {
    const therapist = await therapistWithInvitation();
    const runnerSide = await runnerWhoAgreed(therapist.link);
    const { page, strap } = runnerSide;
    const tp = therapist.page;

    // (a) The runner starts a run: it is shared, visibly, with whom, and the therapist sees the same numbers.
    const traffic = new SteadyStrap(strap, 130);
    try {
      await startRun(page);
      const indicator = page.getByTestId('share-indicator');
      await expectText(indicator.locator('strong'), m.shareSharingWith({ name: therapistName }));
      await expectAttribute(indicator, 'data-state', 'sharing');
      const tile = groupTile(tp, runner.name);
      await expectAttribute(tile, 'data-shared', 'true');
      await expectText(tile.getByTestId('tile-shared'), m.shareFromOwnPhone());
      await expectText(tile.getByTestId('heart-rate'), '130');
      await expectAttribute(tile, 'data-zone-state', 'in');
      await expectText(page.getByTestId('heart-rate'), '130');
      await expectAttribute(page.getByTestId('zone-state'), 'data-state', 'in');
      expect(await textOf(tile.getByTestId('tile-zone'))).toContain(m.yourZone({ low: 120, high: 140 }));
      // Both screens as they are now, sharing, for WCAG 2.2 AA.
      expect((await axeFindings(tp)).violations).toEqual([]);
      expect((await axeFindings(page)).violations).toEqual([]);
      // Above the runner's own zone on both screens alike (no grace period in these coaching settings).
      traffic.bpm = 152;
      await expectText(tile.getByTestId('heart-rate'), '152');
      await expectAttribute(tile, 'data-zone-state', 'above');
      await expectAttribute(page.getByTestId('zone-state'), 'data-state', 'above');
      strap.expectSubscribed();

      // (d) The server restarts on the same ports: both sides reconnect by themselves.
      const [sessionId] = await unfinishedSessionIds(page);
      if (!sessionId) throw new Error('The runner has no session recording');
      await natsServer().stop();
      await expectAttribute(indicator, 'data-state', 'reconnecting', reconnectTimeoutMs);
      await natsServer().start();
      await expectAttribute(indicator, 'data-state', 'sharing', reconnectTimeoutMs);
      traffic.bpm = 128;
      await expectText(tile.getByTestId('heart-rate'), '128', reconnectTimeoutMs);
      await expectAttribute(tile, 'data-zone-state', 'in');
      expect(await tile.getByTestId('tile-not-sharing').count()).toBe(0);

      // The runner's own recording never noticed: still recording, every packet kept, no gap, no strap loss.
      await expectAttribute(page.getByTestId('recording-state'), 'data-status', 'recording');
      const sentBefore = traffic.sent;
      await expect
        .poll(async () => (await storedSession(page, sessionId))?.samples.length ?? 0, { timeout: 20_000 })
        .toBeGreaterThanOrEqual(sentBefore);
      const stored = await storedSession(page, sessionId);
      expect(stored?.meta.status).toBe('recording');
      const events = stored?.meta.events.map((event) => event.type) ?? [];
      expect(events).not.toContain('gap');
      expect(events).not.toContain('strap-disconnected');
    } finally {
      await traffic.stop();
    }
    expect(problemsBesidesRestart(runnerSide.app, natsServer().wsUrl)).toEqual([]);

    // (c) The runner closes the page: the tile says "not sharing" in words once the presence stops.
    await page.close();
    const tile = groupTile(tp, runner.name);
    await expectText(tile.getByTestId('tile-not-sharing'), m.shareStates_off(), notSharingTimeoutMs);
    await tile.getByTestId('tile-last-heard').waitFor();
    expect((await axeFindings(tp)).violations).toEqual([]);
    expect(problemsBesidesRestart(therapist.app, natsServer().wsUrl)).toEqual([]);
  });

  it('says "cannot read" and shows no numbers when a runner shares under a wrong key', async () => {
    const therapist = await therapistWithInvitation();
    // One character of the key changed: a well-formed key, but not the group's.
    const tampered = therapist.link.replace(/([?&]k=)(.)/u, (_, prefix: string, first: string) => {
      return `${prefix}${first === 'A' ? 'B' : 'A'}`;
    });
    expect(tampered).not.toBe(therapist.link);
    const { page, strap } = await runnerWhoAgreed(tampered);
    const traffic = new SteadyStrap(strap, 131);
    try {
      await startRun(page);
      await expectAttribute(page.getByTestId('share-indicator'), 'data-state', 'sharing');
      await expectText(page.getByTestId('heart-rate'), '131');
      const tp = therapist.page;
      await expectText(tp.getByTestId('share-cannot-read'), m.shareCannotRead(), 20_000);
      expect(await tp.getByTestId('group-tile').count()).toBe(0);
      expect(await tp.getByTestId('heart-rate').count()).toBe(0);
      expect(await textOf(tp.locator('main'))).not.toContain('131');
      expect((await axeFindings(tp)).violations).toEqual([]);
      strap.expectSubscribed();
    } finally {
      await traffic.stop();
    }
    therapist.app.expectNoUnhandledErrors();
  });
});
