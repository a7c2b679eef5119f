import { test } from 'vitest';
import {
  createRecorder,
  encodeSamples,
  recordSession,
  summarizeSession,
  takeChunk,
  type SessionMeta,
} from '../../src/core/session';
import { simulatedMeasurements, simulatedSamples } from '../unit/core/session/support/simulated-run';
import { medianMs, recordFigure } from './support/figures';

test('session: bytes per hour at 150 bpm, as stored in 5-second chunks and as one block', () => {
  const hour = simulatedSamples({ bpm: 150, durationS: 3600, jitterMs: 8, seed: 7 });
  let chunked = 0;
  for (let i = 0; i < hour.length; i += 5) chunked += encodeSamples(hour.slice(i, i + 5)).length;
  recordFigure('session.encodedBytesPerHour', chunked, 'bytes');
  recordFigure('session.encodedBytesPerHourOneBlock', encodeSamples(hour).length, 'bytes');
});

test('session: summary of a 3-hour run', () => {
  const samples = simulatedSamples({ bpm: 150, durationS: 3 * 3600, jitterMs: 12, seed: 3 });
  const meta: SessionMeta = {
    id: 'bench',
    kind: 'run',
    status: 'finished',
    startedAtWallMs: 0,
    notes: '',
    zone: { lowBpm: 140, highBpm: 155, method: 'fixed' },
    events: [
      { type: 'started', elapsedMs: 0 },
      { type: 'finished', elapsedMs: 3 * 3600 * 1000 },
    ],
  };
  recordFigure(
    'session.summarize3h.ms',
    medianMs(() => summarizeSession(meta, samples), { warmup: 3, samples: 9, batch: 1 }),
    'ms',
  );
});

test('session: recorder cost per measurement, chunks included', () => {
  const measurements = simulatedMeasurements({ bpm: 150, durationS: 3 * 3600, seed: 5 });
  const recordAll = () => {
    let state = recordSession(createRecorder(), {
      type: 'start',
      id: 'bench',
      kind: 'run',
      atMs: 0,
      wallClockMs: 0,
      strapLive: true,
    });
    for (const [i, measurement] of measurements.entries()) {
      state = recordSession(state, { type: 'measurement', measurement });
      if (i % 5 === 4) state = takeChunk(state).state;
    }
    return state;
  };
  const perRunMs = medianMs(recordAll, { warmup: 3, samples: 9, batch: 1 });
  recordFigure('session.recorderPerMeasurement.us', (perRunMs * 1000) / measurements.length, 'µs');
});
