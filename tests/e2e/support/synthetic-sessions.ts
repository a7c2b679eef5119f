import { exportBackup } from '../../../src/adapters/files/backup';
import { exportFit } from '../../../src/adapters/files/fit-export';
import type { SessionWithSamples } from '../../../src/adapters/files/session-with-samples';
import { restingPlanRef, summarizeSession } from '../../../src/core/session';
import type { SessionMeta, SessionSample } from '../../../src/core/session/session-model';

/**
 * Sessions made up in Node, written into files with the app's own writers (backup JSON, FIT), to seed a profile
 * through the app's importer or to feed it bad files.
 */

export interface SyntheticRunOptions {
  id: string;
  startedAtWallMs: number;
  durationS: number;
  /** Heart rate around which the run varies a little (default 140). */
  bpm?: number;
  notes?: string;
  runnerId?: string;
  runnerName?: string;
}

/**
 * A finished run with one sample a second: a heart rate near `bpm` and the beats of that second, as a strap at that
 * rate sends them (about bpm / 60 RR intervals per sample, in 1/1024 s).
 */
export function syntheticRun(options: SyntheticRunOptions): SessionWithSamples {
  const { id, startedAtWallMs, durationS, bpm = 140 } = options;
  const samples: SessionSample[] = [];
  let beatBudgetMs = 0;
  for (let second = 0; second < durationS; second++) {
    const heartRateBpm = bpm + Math.round(3 * Math.sin(second / 30)) + (second % 7 === 0 ? 1 : 0);
    const beatMs = 60_000 / heartRateBpm;
    const rrIntervals1024: number[] = [];
    beatBudgetMs += 1000;
    while (beatBudgetMs >= beatMs) {
      rrIntervals1024.push(Math.round((beatMs * 1024) / 1000) + ((second + rrIntervals1024.length) % 5) - 2);
      beatBudgetMs -= beatMs;
    }
    samples.push({
      elapsedMs: second * 1000 + (second % 3) * 7,
      heartRateBpm,
      sensorContact: 'contact',
      rrIntervals1024,
    });
  }
  const endMs = durationS * 1000;
  return {
    meta: {
      id,
      kind: 'run',
      status: 'finished',
      startedAtWallMs,
      endedAtWallMs: startedAtWallMs + endMs,
      ...(options.runnerId !== undefined && { runnerId: options.runnerId }),
      ...(options.runnerName !== undefined && { runnerName: options.runnerName }),
      strap: { name: 'Polar H10 A1B2C3D4', bodySensorLocation: 'chest' },
      zone: { lowBpm: bpm - 10, highBpm: bpm + 5, method: 'percent-reserve' },
      before: { feeling: 1, arousal: 2 },
      after: { feeling: 3, arousal: 3 },
      exertion: 4,
      notes: options.notes ?? '',
      events: [
        { type: 'started', elapsedMs: 0 },
        { type: 'strap-connected', elapsedMs: 0 },
        { type: 'finished', elapsedMs: endMs },
      ],
    },
    samples,
  };
}

/** A Calm Run backup file of these sessions, as the app writes one. */
export function backupFileOf(sessions: readonly SessionWithSamples[]): Buffer {
  return Buffer.from(exportBackup(sessions, 'e2e', new Date(Date.UTC(2026, 0, 15, 12))), 'utf8');
}

/** An activity FIT file of this session, as the app writes one. */
export function fitFileOf(session: SessionWithSamples): Buffer {
  return Buffer.from(exportFit(session));
}

/**
 * A finished 2-minute resting check near 62 bpm with a breathing swing of ±40 ms every 10 s, one sample a second
 * with the beats that ended in it; its summary made by the app's own summary builder, as the app would store it.
 */
export function syntheticRestingCheck(
  options: Omit<SyntheticRunOptions, 'durationS' | 'bpm'>,
): SessionWithSamples {
  const durationMs = 120_000;
  const samples: SessionSample[] = [];
  let beatEndMs = 0;
  let beat = 0;
  for (let second = 1; second * 1000 <= durationMs; second++) {
    const rrIntervals1024: number[] = [];
    for (;;) {
      const rrMs = 968 + 40 * Math.sin((2 * Math.PI * beatEndMs) / 10_000) + ((beat * 7) % 5) - 2;
      if (beatEndMs + rrMs > second * 1000) break;
      beatEndMs += rrMs;
      beat++;
      rrIntervals1024.push(Math.round((rrMs * 1024) / 1000));
    }
    samples.push({ elapsedMs: second * 1000, heartRateBpm: 62, sensorContact: 'contact', rrIntervals1024 });
  }
  const meta: SessionMeta = {
    id: options.id,
    kind: 'resting',
    status: 'finished',
    startedAtWallMs: options.startedAtWallMs,
    endedAtWallMs: options.startedAtWallMs + durationMs,
    ...(options.runnerId !== undefined && { runnerId: options.runnerId }),
    ...(options.runnerName !== undefined && { runnerName: options.runnerName }),
    strap: { name: 'Polar H10 A1B2C3D4', bodySensorLocation: 'chest' },
    plan: restingPlanRef({ minutes: 2, breathingRatePerMinute: undefined }),
    notes: options.notes ?? '',
    events: [
      { type: 'started', elapsedMs: 0 },
      { type: 'finished', elapsedMs: durationMs },
    ],
  };
  return { meta: { ...meta, summary: summarizeSession(meta, samples) }, samples };
}
