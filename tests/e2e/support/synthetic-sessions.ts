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
 * A finished 2-minute resting check at about `bpm`, its summary made by the app's own summary builder (so its
 * figures, or its refusal, are what the app itself would have stored).
 */
export function syntheticRestingCheck(options: Omit<SyntheticRunOptions, 'durationS'>): SessionWithSamples {
  const run = syntheticRun({ bpm: 62, ...options, durationS: 120 });
  const { zone: _zone, before: _before, after: _after, exertion: _exertion, ...rest } = run.meta;
  const meta: SessionMeta = {
    ...rest,
    kind: 'resting',
    plan: restingPlanRef({ minutes: 2, breathingRatePerMinute: undefined }),
  };
  return { meta: { ...meta, summary: summarizeSession(meta, run.samples) }, samples: run.samples };
}
