import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CueDecider,
  coursePlanFor,
  defaultCourse12Weeks,
  phaseAt,
  ZONE_CUE_IDS,
  type Cue,
  type CueSettings,
  type RunPlan,
} from '../../../../src/core/coaching/index';
import type { SessionZone } from '../../../../src/core/session/session-model';
import { ZoneTracker, type ZoneTrackerSnapshot } from '../../../../src/core/zones/index';
import { FakeClock } from '../../support/fake-clock';

const zone: SessionZone = { lowBpm: 120, highBpm: 138, method: 'percent-reserve' };
const S = 1000;

/** What the strap sends at a second: a heart rate, a no-reading (null), or nothing at all ('silent'). */
type Packet = number | null | 'silent';

interface Simulation {
  cues: Cue[];
  snapshots: ZoneTrackerSnapshot[];
}

/**
 * A run on a fake clock: once a second the strap's packet goes to the tracker (or, when silent, the tracker is
 * ticked) and the decider is asked what to say, as the live screen will do.
 */
function simulate(
  packetAt: (tMs: number) => Packet,
  durationMs: number,
  options: { settings?: CueSettings; plan?: RunPlan; zone?: SessionZone } = {},
): Simulation {
  const clock = new FakeClock({ startMs: 0 });
  const runZone = options.zone ?? zone;
  const tracker = new ZoneTracker(runZone);
  const decider = new CueDecider(runZone, options.settings);
  const result: Simulation = { cues: [], snapshots: [] };
  const second = (): void => {
    const t = clock.monotonicMs();
    const packet = packetAt(t);
    const snapshot =
      packet === 'silent' ? tracker.tick(t) : tracker.update({ atMs: t, heartRateBpm: packet });
    result.snapshots.push(snapshot);
    const plan = options.plan === undefined ? {} : { plan: phaseAt(options.plan, t) };
    result.cues.push(...decider.decide({ nowMs: t, tracker: snapshot, activeElapsedMs: t, ...plan }));
    if (t + S <= durationMs) clock.setTimeout(second, S);
  };
  clock.setTimeout(second, 0);
  clock.advance(durationMs);
  return result;
}

/** Heart rate moving linearly between (time s, bpm) points, held after the last. */
function profile(...points: [number, number][]): (tMs: number) => number {
  return (tMs) => {
    const t = tMs / S;
    for (let i = 1; i < points.length; i++) {
      const [t0, b0] = points[i - 1] ?? [0, 0];
      const [t1, b1] = points[i] ?? [0, 0];
      if (t <= t1) return Math.round(b0 + ((b1 - b0) * (t - t0)) / (t1 - t0));
    }
    return points.at(-1)?.[1] ?? 0;
  };
}

const ids = (cues: readonly Cue[]) => cues.map((c) => c.id);
const firstTime = (s: Simulation, pred: (x: ZoneTrackerSnapshot) => boolean, afterMs = -1) =>
  s.snapshots.find((x) => x.atMs > afterMs && pred(x))?.atMs;

describe('CueDecider on a fake clock', () => {
  test('a surge: exactly one slow-down after the grace period, then one back-in-zone after it drops', () => {
    // 3 min calm, 15 s up to 165, 30 s there, 20 s back down, 2 min calm.
    const hr = profile([0, 130], [180, 130], [195, 165], [225, 165], [245, 130], [365, 130]);
    const sim = simulate(hr, 365 * S);
    expect(ids(sim.cues)).toEqual(['slow-down', 'back-in-zone']);
    const excursionStart = firstTime(sim, (x) => x.band === 'above') ?? Number.NaN;
    const [slowDown, back] = sim.cues;
    expect(slowDown?.atMs).toBe(excursionStart + 20 * S);
    expect(slowDown).toMatchObject({ highBpm: 138 });
    expect(back?.atMs).toBe(firstTime(sim, (x) => x.state === 'in', slowDown?.atMs));
  });

  test('coming back below the zone after a slow-down earns no praise later', () => {
    // Above, slow-down, then the strap is off for 10 s and the runner has stopped (below the zone), then calm
    // running in the zone again. (A steady drop passes through the zone on the way down and is praised there.)
    const rest = profile([0, 160], [59, 160], [60, 100], [120, 100], [125, 130], [240, 130]);
    const packet = (t: number): Packet => (t >= 50 * S && t < 60 * S ? null : rest(t));
    expect(ids(simulate(packet, 240 * S).cues)).toEqual(['slow-down', 'contact-lost', 'contact-restored']);
  });

  test('a rise shorter than the grace period says nothing', () => {
    const hr = profile([0, 130], [60, 130], [62, 150], [75, 150], [77, 130], [200, 130]);
    expect(simulate(hr, 200 * S).cues).toEqual([]);
  });

  test('a long surge: slow-down repeated every 60 s while above, never more often, then one back-in-zone', () => {
    const hr = profile([0, 130], [60, 130], [65, 165], [365, 165], [370, 130], [500, 130]);
    const sim = simulate(hr, 500 * S);
    const slowDowns = sim.cues.filter((c) => c.id === 'slow-down').map((c) => c.atMs);
    expect(slowDowns.length).toBe(5);
    slowDowns.slice(1).forEach((t, i) => expect(t - (slowDowns[i] ?? 0)).toBe(60 * S));
    expect(ids(sim.cues).filter((id) => id === 'back-in-zone')).toHaveLength(1);
    expect(sim.cues.at(-1)?.id).toBe('back-in-zone');
  });

  test('a new excursion soon after a slow-down waits for the 60 s to pass', () => {
    const hr = profile(
      [0, 130],
      [10, 130],
      [11, 160],
      [35, 160],
      [36, 130],
      [45, 130],
      [46, 160],
      [200, 160],
    );
    const slowDowns = simulate(hr, 200 * S).cues.filter((c) => c.id === 'slow-down');
    expect(slowDowns.length).toBeGreaterThanOrEqual(2);
    expect((slowDowns[1]?.atMs ?? 0) - (slowDowns[0]?.atMs ?? 0)).toBe(60 * S);
  });

  test('speed-up only when asked for, after the grace period, at most every 120 s', () => {
    const hr = profile([0, 130], [30, 130], [35, 105], [400, 105]);
    expect(simulate(hr, 400 * S).cues).toEqual([]);
    const sim = simulate(hr, 400 * S, { settings: { lowSideCues: true } });
    const speedUps = sim.cues.filter((c) => c.id === 'speed-up');
    expect(ids(sim.cues)).toEqual(['speed-up', 'speed-up', 'speed-up']);
    const belowFrom = firstTime(sim, (x) => x.state === 'below') ?? Number.NaN;
    expect(speedUps[0]?.atMs).toBe(belowFrom + 20 * S);
    expect(speedUps[0]).toMatchObject({ lowBpm: 120, heartRateBpm: 105 });
    expect((speedUps[1]?.atMs ?? 0) - (speedUps[0]?.atMs ?? 0)).toBe(120 * S);
  });

  test('one missed packet says nothing; a few seconds without reading say contact lost, then restored', () => {
    const blip = (t: number): Packet => (t === 30 * S ? null : 130);
    expect(simulate(blip, 120 * S).cues).toEqual([]);
    const lost = (t: number): Packet => (t >= 30 * S && t < 42 * S ? null : 130);
    const sim = simulate(lost, 120 * S);
    expect(sim.cues).toEqual([
      { id: 'contact-lost', atMs: 35 * S },
      { id: 'contact-restored', atMs: 42 * S, awayMs: 12 * S },
    ]);
  });

  test('a strap that falls silent: no-reading after 5 s, contact lost 5 s later', () => {
    const silent = (t: number): Packet => (t >= 30 * S && t < 60 * S ? 'silent' : 130);
    const sim = simulate(silent, 90 * S);
    // The last reading was at 29 s: stale at 34 s, contact-lost at 39 s, back at 60 s.
    expect(sim.cues).toEqual([
      { id: 'contact-lost', atMs: 39 * S },
      { id: 'contact-restored', atMs: 60 * S, awayMs: 26 * S },
    ]);
  });

  test('a pause (tracker not fed) is not a lost strap once the tracker is resumed', () => {
    const tracker = new ZoneTracker(zone);
    const decider = new CueDecider(zone);
    const cues: Cue[] = [];
    // As the app does: measurements update the tracker, a 1-s timer ticks it and asks the decider.
    const second = (t: number): void => {
      cues.push(...decider.decide({ nowMs: t, tracker: tracker.tick(t), activeElapsedMs: t }));
      tracker.update({ atMs: t + 500, heartRateBpm: 130 });
    };
    for (let t = 0; t <= 60 * S; t += S) second(t);
    // Paused from 60 s to 180 s (nothing fed), then resumed: the first tick comes before any measurement.
    tracker.resumeAt(180 * S);
    for (let t = 180 * S; t <= 240 * S; t += S) second(t);
    expect(cues).toEqual([]);
  });

  test('no heart rate from the start says contact lost once', () => {
    expect(ids(simulate(() => null, 60 * S).cues)).toEqual(['contact-lost']);
  });

  test("'by feel': no zone cues at all, but contact and status cues, the status without a heart rate", () => {
    const hr = (t: number): Packet => (t >= 400 * S && t < 410 * S ? null : t > 60 * S ? 170 : 100);
    const byFeel: SessionZone = { ...zone, method: 'by-feel' };
    const sim = simulate(hr, 700 * S, {
      zone: byFeel,
      settings: { lowSideCues: true, statusEveryMs: 300 * S },
    });
    expect(ids(sim.cues)).toEqual(['status', 'contact-lost', 'contact-restored', 'status']);
    expect(sim.cues[0]).toEqual({ id: 'status', atMs: 300 * S, elapsedMs: 300 * S, heartRateBpm: null });
    // The same run in zone mode does coach.
    expect(ids(simulate(hr, 700 * S, { settings: { lowSideCues: true } }).cues)).toContain('slow-down');
  });

  test('a status every N minutes with the time and the heart rate', () => {
    const sim = simulate(() => 131, 12 * 60 * S, { settings: { statusEveryMs: 5 * 60 * S } });
    expect(sim.cues).toEqual([
      { id: 'status', atMs: 300 * S, elapsedMs: 300 * S, heartRateBpm: 131 },
      { id: 'status', atMs: 600 * S, elapsedMs: 600 * S, heartRateBpm: 131 },
    ]);
  });

  test('a course run: every phase announced at its start, then the end; no zone cues while walking', () => {
    const plan = coursePlanFor(defaultCourse12Weeks, 1, 1);
    if (plan === undefined) throw new Error('week 1 exists');
    // Well above the zone throughout: each 1-minute run earns a slow-down 20 s in (a run phase starts with its
    // own grace); the walks say nothing; the heart rate never comes down, so there is no praise.
    const sim = simulate(() => 160, 35 * 60 * S, { plan });
    const phaseCues = sim.cues.filter((c) => c.id === 'phase-change');
    expect(phaseCues).toHaveLength(plan.phases.length);
    let startMs = 0;
    phaseCues.forEach((cue, i) => {
      expect(cue).toMatchObject({ phaseIndex: i, atMs: startMs, phase: plan.phases[i]?.kind });
      startMs += plan.phases[i]?.durationMs ?? 0;
    });
    expect(sim.cues.filter((c) => c.id === 'plan-complete')).toEqual([
      { id: 'plan-complete', atMs: 34 * 60 * S },
    ]);
    // Slow-downs only inside run phases, at least 20 s into them.
    for (const cue of sim.cues.filter((c) => c.id === 'slow-down')) {
      const position = phaseAt(plan, cue.atMs);
      expect(!position.finished && position.phase.kind).toBe('run');
      expect(!position.finished && position.elapsedInPhaseMs).toBeGreaterThanOrEqual(20 * S);
    }
    expect(sim.cues.some((c) => c.id === 'slow-down')).toBe(true);
    expect(sim.cues.some((c) => c.id === 'back-in-zone')).toBe(false);
  });

  test('a slow-down in a run phase is not praised once the walk begins', () => {
    const plan: RunPlan = {
      id: 'p',
      name: 'p',
      phases: [
        { kind: 'run', durationMs: 60 * S },
        { kind: 'walk', durationMs: 120 * S },
      ],
    };
    const hr = profile([0, 160], [60, 160], [70, 130], [200, 130]);
    expect(ids(simulate(hr, 200 * S, { plan }).cues)).toEqual([
      'phase-change',
      'slow-down',
      'phase-change',
      'plan-complete',
    ]);
  });

  test('the cap holds back lower priorities, which are said later with fresh numbers', () => {
    const plan: RunPlan = {
      id: 'p',
      name: 'p',
      phases: [
        { kind: 'run', durationMs: 60 * S },
        { kind: 'run', durationMs: 180 * S },
      ],
    };
    // Above the zone for 70 s, then calm.
    const hr = profile([0, 160], [70, 160], [72, 130], [200, 130]);
    const sim = simulate(hr, 200 * S, { plan, settings: { maxCuesPerMinute: 1 } });
    expect(sim.cues.map((c) => [c.id, c.atMs / S])).toEqual([
      ['phase-change', 0],
      // Due at 20 s (the grace), held back by the cap until 60 s, when it outranks the new phase.
      ['slow-down', 60],
      // The new phase outranks the praise that has been due since the drop.
      ['phase-change', 120],
      ['back-in-zone', 180],
    ]);
    expect(sim.cues[2]).toMatchObject({ phaseIndex: 1, remainingMs: 120 * S });
  });

  test('contact that comes back and goes again before restored could be said is still one loss', () => {
    // Cap 1: the loss at 15 s fills the minute; contact flickers back at 30 s and is gone again at 32 s.
    // awayMs counts from the last reading before the loss (10 s).
    const packet = (t: number): Packet =>
      (t >= 10 * S && t < 30 * S) || (t >= 32 * S && t < 90 * S) ? null : 130;
    const sim = simulate(packet, 150 * S, { settings: { maxCuesPerMinute: 1 } });
    expect(sim.cues).toEqual([
      { id: 'contact-lost', atMs: 15 * S },
      { id: 'contact-restored', atMs: 90 * S, awayMs: 80 * S },
    ]);
  });
});

describe('CueDecider properties', () => {
  const packetArb: fc.Arbitrary<Packet> = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 80, max: 190 }) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant('silent' as const) },
  );
  /** Stretches of a steady heart rate (or no reading), so excursions last long enough to be coached. */
  const segmentsArb = fc.array(fc.tuple(fc.integer({ min: 1, max: 90 }), packetArb), {
    minLength: 1,
    maxLength: 30,
  });
  const settingsArb = fc.record({
    lowSideCues: fc.boolean(),
    maxCuesPerMinute: fc.integer({ min: 1, max: 5 }),
    statusEveryMs: fc.constantFrom(null, 60 * S, 120 * S),
    graceMs: fc.constantFrom(0, 5 * S, 20 * S),
    mode: fc.constantFrom('zone' as const, 'by-feel' as const),
  });
  const plan = coursePlanFor(defaultCourse12Weeks, 1, 1);

  function fromSegments(segments: readonly [number, Packet][]): {
    packetAt: (t: number) => Packet;
    totalMs: number;
  } {
    const perSecond: Packet[] = segments.flatMap(([seconds, packet]) =>
      Array.from({ length: seconds }, () => packet),
    );
    return { packetAt: (t) => perSecond[Math.floor(t / S)] ?? 'silent', totalMs: perSecond.length * S };
  }

  function checkInvariants(cues: readonly Cue[], settings: CueSettings): void {
    const cap = settings.maxCuesPerMinute ?? 3;
    // At most `cap` cues in any 60 s: enough to check the windows that start at each cue.
    cues.forEach((cue) => {
      const inWindow = cues.filter((c) => c.atMs >= cue.atMs && c.atMs < cue.atMs + 60 * S);
      expect(inWindow.length).toBeLessThanOrEqual(cap);
    });
    const times = (id: Cue['id']) => cues.filter((c) => c.id === id).map((c) => c.atMs);
    const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - (ts[i] ?? 0));
    gaps(times('slow-down')).forEach((g) => expect(g).toBeGreaterThanOrEqual(60 * S));
    gaps(times('speed-up')).forEach((g) => expect(g).toBeGreaterThanOrEqual(120 * S));
    if (settings.mode === 'by-feel') expect(cues.filter((c) => ZONE_CUE_IDS.includes(c.id))).toEqual([]);
    if (settings.lowSideCues !== true) expect(times('speed-up')).toEqual([]);
    // Praise follows a slow-down; restored follows lost; each at most once per event.
    let awaitingPraise = false;
    let lost = false;
    for (const cue of cues) {
      if (cue.id === 'slow-down') awaitingPraise = true;
      if (cue.id === 'back-in-zone') {
        expect(awaitingPraise).toBe(true);
        awaitingPraise = false;
      }
      if (cue.id === 'contact-lost') {
        expect(lost).toBe(false);
        lost = true;
      }
      if (cue.id === 'contact-restored') {
        expect(lost).toBe(true);
        lost = false;
      }
    }
  }

  test('for any heart-rate series, cues per minute stay under the cap and the spacing rules hold', () => {
    fc.assert(
      fc.property(segmentsArb, settingsArb, fc.boolean(), (segments, settings, withPlan) => {
        const { packetAt, totalMs } = fromSegments(segments);
        const options = withPlan && plan !== undefined ? { settings, plan } : { settings };
        checkInvariants(simulate(packetAt, totalMs, options).cues, settings);
      }),
      { numRuns: 150 },
    );
  });

  test('the same for a heart rate that jumps every second', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 600 }), settingsArb, (packets, settings) => {
        const sim = simulate((t) => packets[Math.floor(t / S)] ?? 'silent', packets.length * S, { settings });
        checkInvariants(sim.cues, settings);
      }),
      { numRuns: 150 },
    );
  });
});
