import {
  CHUNK_INTERVAL_MS,
  encodeSamples,
  summarizeSession,
  type SampleChunk,
  type SessionMeta,
  type SessionSample,
} from '../../../src/core/session';
import { simulatedSamples } from '../../unit/core/session/support/simulated-run';

/**
 * Finished sessions made in Node with the app's own functions, for benches that need many of them (a thousand in
 * history): the samples encoded by the sample codec in 5-second chunks as the recorder hands them out, the summary
 * from `summarizeSession`. They are stored through the app's storage adapter (`SessionStore.importSessions`, which
 * merges the chunks as `finishSession` does), never written into the database by hand. A bench about one run's
 * cost records it through the app instead (support/recorder-page).
 */

export interface SeedSession {
  meta: SessionMeta;
  /** The chunks as the recorder handed them out while recording. */
  liveChunks: SampleChunk[];
}

const minute = 60_000;

/** Chunks as the recorder hands them out while recording: one per 5 s, each encoded on its own. */
export function liveChunksOf(sessionId: string, samples: readonly SessionSample[]): SampleChunk[] {
  const live: SampleChunk[] = [];
  let first = 0;
  while (first < samples.length) {
    const start = samples[first]?.elapsedMs ?? 0;
    let end = first;
    while (end < samples.length && (samples[end]?.elapsedMs ?? 0) < start + CHUNK_INTERVAL_MS) end++;
    const pending = samples.slice(first, end);
    live.push({
      sessionId,
      seq: live.length,
      firstElapsedMs: pending[0]?.elapsedMs ?? 0,
      lastElapsedMs: pending.at(-1)?.elapsedMs ?? 0,
      sampleCount: pending.length,
      bytes: encodeSamples(pending),
    });
    first = end;
  }
  return live;
}

/** A finished run with what a real one carries: runner, strap, plan, zone, moods, notes, cues, a strap drop. */
export function runMeta(
  id: string,
  startedAtWallMs: number,
  durationMin: number,
  runner: number,
): SessionMeta {
  const durationMs = durationMin * minute;
  const runners = ['Ann', 'Bob', 'Cem'];
  return {
    id,
    kind: 'run',
    status: 'finished',
    startedAtWallMs,
    endedAtWallMs: startedAtWallMs + durationMs,
    runnerId: `runner-${runner % runners.length}`,
    runnerName: runners[runner % runners.length] ?? 'Ann',
    strap: { name: 'Polar H10 A1B2C3D4', bodySensorLocation: 'chest' },
    plan: { planId: 'calm-8w', name: 'Calm start, 8 weeks', courseWeek: 3, courseRun: 2 },
    zone: { lowBpm: 140, highBpm: 155, method: 'percent-reserve' },
    before: { feeling: 1, arousal: 2 },
    after: { feeling: 3, arousal: 3 },
    exertion: 4,
    notes: 'Felt heavy at first, easier after the bridge. Slept badly the night before, so kept it gentle.',
    events: [
      { type: 'started', elapsedMs: 0 },
      { type: 'strap-connected', elapsedMs: 0 },
      ...Array.from({ length: Math.floor(durationMin / 3) }, (_, i) => ({
        type: 'cue' as const,
        elapsedMs: i * 3 * minute,
        detail: 'slow-down',
      })),
      { type: 'strap-disconnected', elapsedMs: Math.floor(durationMs / 2) },
      { type: 'strap-reconnected', elapsedMs: Math.floor(durationMs / 2) + 9000 },
      { type: 'finished', elapsedMs: durationMs },
    ],
  };
}

/** A whole session at about `bpm`, one notification a second, with its summary and chunks. */
export function seedSession(
  id: string,
  startedAtWallMs: number,
  durationMin: number,
  options: { bpm?: number; runner?: number; seed?: number } = {},
): SeedSession & { samples: SessionSample[] } {
  const samples = simulatedSamples({
    bpm: options.bpm ?? 150,
    durationS: durationMin * 60,
    jitterMs: 12,
    seed: options.seed ?? 1,
  });
  const bare = runMeta(id, startedAtWallMs, durationMin, options.runner ?? 0);
  const meta: SessionMeta = { ...bare, summary: summarizeSession(bare, samples) };
  return { meta, liveChunks: liveChunksOf(id, samples), samples };
}

/**
 * The template's session record under another id, start and runner: stored with the template's samples (the codec
 * does not store the id), a thousand sessions cost a few templates' worth of work.
 */
export function copyMeta(
  template: SeedSession,
  id: string,
  startedAtWallMs: number,
  runner: number,
): SessionMeta {
  return {
    ...template.meta,
    id,
    startedAtWallMs,
    endedAtWallMs: startedAtWallMs + (template.meta.summary?.durationMs ?? 0),
    runnerId: `runner-${runner % 3}`,
    runnerName: ['Ann', 'Bob', 'Cem'][runner % 3] ?? 'Ann',
  };
}
