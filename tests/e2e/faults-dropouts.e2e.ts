import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/core/session';
import { useBrowser } from './support/browser';
import { expectState, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth } from './support/emulated-strap';
import { expectNumber } from './support/expect-page';
import { expectRecordingStatus, finishRun, startRun, storedSession } from './support/sessions';
import { calmRunBeats, expectStoredAsSent, seededRandom, StrapTraffic } from './support/strap-traffic';

const browser = useBrowser();

/**
 * How a dropout goes: `back` at once (the first reconnect attempt, after 1 s, succeeds); `discovery`: back, but gone
 * again in the middle of the app's service discovery, then back for good; `long`: away for longer than the 5-s gap
 * threshold, so the record marks a gap.
 */
type DropoutKind = 'back' | 'discovery' | 'long';

const dropoutKinds: DropoutKind[] = [
  ...Array<DropoutKind>(13).fill('back'),
  ...Array<DropoutKind>(5).fill('discovery'),
  ...Array<DropoutKind>(2).fill('long'),
];
const seed = 20_240_611;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function eventsOf(events: readonly SessionEvent[], type: SessionEvent['type']): SessionEvent[] {
  return events.filter((event) => event.type === type);
}

describe('a recorded run with twenty strap dropouts', () => {
  it('reconnects by itself every time, stores every packet sent while connected, and records each gap', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: 'D0:0D:20:24:06:11', name: 'Polar H10 dropouts' });
    await pairStrap(page, bluetooth, strap);
    await startRun(page);

    const random = seededRandom(seed);
    const traffic = new StrapTraffic(calmRunBeats(seed));
    const kinds = shuffled(dropoutKinds, random);
    for (const [index, kind] of kinds.entries()) {
      // Between two and seven packets, then the strap drops out at a seeded moment.
      const packets = 2 + Math.floor(random() * 6);
      for (let packet = 0; packet < packets; packet++) await traffic.sendTo(strap);
      await strap.goAway();
      await expectState(page, 'reconnecting');
      if (kind === 'long') await sleep(5_500);
      if (kind === 'discovery') {
        strap.vanishDuringNextDiscovery();
        await strap.comeBack();
        // The app's next attempt finds the strap and loses it again while discovering its services.
        await expectNumber(
          () => Promise.resolve(strap.present ? 1 : 0),
          (present) => present === 0,
          `dropout ${index}: the strap vanishing during service discovery`,
          15_000,
        );
        await expectState(page, 'reconnecting');
      }
      await strap.comeBack();
      await expectState(page, 'live', 20_000);
    }
    for (let packet = 0; packet < 3; packet++) await traffic.sendTo(strap);
    await expectRecordingStatus(page, 'recording');
    const sessionId = await finishRun(page);

    const stored = await storedSession(page, sessionId);
    if (!stored) throw new Error(`Session ${sessionId} is not stored`);
    expectStoredAsSent(stored.samples, traffic.sent);

    // Every dropout is on record as a disconnection followed by a reconnection, in order: the pair's distance is
    // the dropout's length, and no sample falls inside one.
    const events = stored.meta.events;
    const dropouts = events.filter(
      (event) => event.type === 'strap-disconnected' || event.type === 'strap-reconnected',
    );
    expect(dropouts.map((event) => event.type)).toEqual(
      kinds.flatMap(() => ['strap-disconnected', 'strap-reconnected']),
    );
    const spans = kinds.map((_, index) => ({
      fromMs: dropouts[2 * index]?.elapsedMs ?? NaN,
      toMs: dropouts[2 * index + 1]?.elapsedMs ?? NaN,
    }));
    for (const [index, span] of spans.entries()) {
      // At least the first reconnect attempt's 1-s wait, and the long ones more than the gap threshold.
      expect(span.toMs - span.fromMs, `dropout ${index} (${kinds[index]})`).toBeGreaterThanOrEqual(
        kinds[index] === 'long' ? 5_500 : 900,
      );
      expect(
        stored.samples.filter((sample) => sample.elapsedMs > span.fromMs && sample.elapsedMs < span.toMs),
      ).toEqual([]);
    }

    // A gap event exactly where the silence between two samples passed the 5-s threshold, with its length.
    const silences = stored.samples.slice(1).flatMap((sample, index) => {
      const silenceMs = sample.elapsedMs - (stored.samples[index]?.elapsedMs ?? NaN);
      return silenceMs > 5_000
        ? [{ type: 'gap', elapsedMs: sample.elapsedMs, detail: String(silenceMs) }]
        : [];
    });
    expect(silences).toHaveLength(kinds.filter((kind) => kind === 'long').length);
    expect(eventsOf(events, 'gap')).toEqual(silences);

    // Subscribed to the heart rate on the first connection and again on every reconnection.
    strap.expectSubscribed();
    expect(strap.measurementSubscriptions).toBe(1 + kinds.length);
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  }, 90_000);
});
