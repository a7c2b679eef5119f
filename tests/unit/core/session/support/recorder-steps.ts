import { msPerRrUnit, type SensorContact, type StrapMeasurement } from '../../../../../src/core';
import {
  createRecorder,
  recordSession,
  type RecorderAction,
  type RecorderState,
  type SessionEventType,
} from '../../../../../src/core/session';

export const WALL_CLOCK_AT_ZERO_MS = 1_700_000_000_000;

/** A measurement received at monotonic `atMs`, RR given in 1/1024 s and sent in ms as the decoder gives them. */
export function measurement(
  atMs: number,
  heartRateBpm: number | null,
  rrIntervals1024: number[] = [],
  sensorContact: SensorContact = 'contact',
): RecorderAction {
  const strapMeasurement: StrapMeasurement = {
    receivedAtMs: atMs,
    wallClockMs: WALL_CLOCK_AT_ZERO_MS + atMs,
    heartRateBpm,
    sensorContact,
    rrIntervalsMs: rrIntervals1024.map((rr) => rr * msPerRrUnit),
  };
  return { type: 'measurement', measurement: strapMeasurement };
}

export function start(
  atMs: number,
  extra: Partial<Extract<RecorderAction, { type: 'start' }>> = {},
): RecorderAction {
  return {
    type: 'start',
    id: 'session-1',
    kind: 'run',
    atMs,
    wallClockMs: WALL_CLOCK_AT_ZERO_MS + atMs,
    ...extra,
  };
}

export function run(actions: RecorderAction[], state: RecorderState = createRecorder()): RecorderState {
  return actions.reduce(recordSession, state);
}

/** The events as [type, elapsedMs, detail?] rows, short to compare. */
export function eventRows(state: RecorderState): [SessionEventType, number, string?][] {
  return (state.meta?.events ?? []).map((e) =>
    e.detail === undefined ? [e.type, e.elapsedMs] : [e.type, e.elapsedMs, e.detail],
  );
}
