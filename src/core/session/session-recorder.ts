import { msPerRrUnit } from '../ble/heart-rate-measurement';
import { maxHeartRateBpm, type StrapMeasurement } from '../ble/strap-measurement';
import type { ConnectionState } from '../strap/connection-state';
import type {
  MoodReport,
  RunFeelings,
  RunnerRef,
  SessionEvent,
  SessionGroupRef,
  SessionEventType,
  SessionKind,
  SessionMeta,
  SessionPlanRef,
  SessionSample,
  SessionStrap,
  SessionZone,
} from './session-model';
import { DEFAULT_GAP_THRESHOLD_MS } from './gap-threshold';
import { summarizeSession } from './session-summary';

/** Largest RR interval a strap can send: a UINT16 in 1/1024 s. */
const MAX_RR_1024 = 0xffff;

/**
 * The recorder between actions. Build the first one with {@link createRecorder}; every other one comes from
 * {@link recordSession} or `takeChunk`. `elapsedMs` everywhere is monotonic ms since `originMs`, pauses included
 * (the record's time axis stays aligned with the calendar; paused time is known from the paused/resumed events).
 */
export interface RecorderState {
  /** The session as storage keeps it (events included); undefined before `start`. */
  readonly meta: SessionMeta | undefined;
  /** Monotonic time (ms) at which elapsedMs is 0. */
  readonly originMs: number;
  /**
   * Every sample of the session in order, those stored before a reload included. Appended in place (see
   * {@link recordSession}); samples[0..storedCount) have been handed out as chunks.
   */
  readonly samples: readonly SessionSample[];
  readonly storedCount: number;
  /** Sequence number of the next chunk: 0, 1, 2, ... per session. */
  readonly nextChunkSeq: number;
  /** Elapsed ms from which missing data counts as a gap: the last measurement, moved to a resume. */
  readonly gapFromElapsedMs: number | undefined;
  readonly strapLive: boolean;
  /** Whether the strap has been live during this session: the next connection is then a reconnection. */
  readonly strapWasLive: boolean;
  readonly gapThresholdMs: number;
}

export type RecorderAction =
  | {
      type: 'start';
      id: string;
      kind: SessionKind;
      /** Monotonic time (ms): elapsed 0. */
      atMs: number;
      wallClockMs: number;
      runner?: RunnerRef;
      group?: SessionGroupRef;
      strap?: SessionStrap;
      /** Whether the strap is already streaming at start (a `strap-connected` event at 0). */
      strapLive?: boolean;
      plan?: SessionPlanRef;
      zone?: SessionZone;
      /**
       * The zone tracker's grace period in force (the coaching setting), ms: kept as `meta.zone.graceMs`, so the
       * summary counts time in zone as the run did. Only with a zone; replaces a `zone.graceMs`.
       */
      graceMs?: number;
      before?: MoodReport;
    }
  | { type: 'measurement'; measurement: StrapMeasurement }
  /** A connection state change; `strap` updates the strap on record (e.g. one that connects after start). */
  | { type: 'strap'; atMs: number; state: ConnectionState; strap?: SessionStrap }
  | { type: 'pause'; atMs: number }
  | { type: 'resume'; atMs: number }
  | { type: 'finish'; atMs: number; wallClockMs: number }
  | { type: 'mark'; atMs: number; label?: string }
  | { type: 'cue'; atMs: number; cueId: string }
  | { type: 'phase'; atMs: number; phase: string }
  | ({ type: 'feelings' } & RunFeelings)
  /**
   * The monotonic clock stood still for `missedMs` while time went on (see `checkMonotonicStall`): every monotonic
   * time the recorder keeps moves that much into the past, so elapsed time goes on from where it truly is.
   */
  | { type: 'monotonicStalled'; missedMs: number }
  | {
      type: 'resumeAfterReload';
      /** The session as last stored (status recording or paused). */
      meta: SessionMeta;
      /** The samples decoded from the stored chunks, in order: the finish summary covers them too. */
      storedSamples: readonly SessionSample[];
      /** Number of chunks already stored (their seq were 0..n-1). */
      nextChunkSeq: number;
      /** Monotonic time (ms) now, on the new page's clock. */
      atMs: number;
      wallClockMs: number;
    };

export function createRecorder(options: { gapThresholdMs?: number } = {}): RecorderState {
  return {
    meta: undefined,
    originMs: 0,
    samples: [],
    storedCount: 0,
    nextChunkSeq: 0,
    gapFromElapsedMs: undefined,
    strapLive: false,
    strapWasLive: false,
    gapThresholdMs: options.gapThresholdMs ?? DEFAULT_GAP_THRESHOLD_MS,
  };
}

/**
 * The session recorder as a reducer. Each action returns a new state object, and `meta` is replaced (never
 * mutated) whenever it changes, so reference checks see every change. The one exception, for cost: `samples` is
 * one array shared by successive states and appended in place (a measurement is O(1), not a copy of the run).
 * Contract: states form one line. Feed each action to the latest state you keep; once a kept state has a
 * successor, do not act on it again (its successor's samples are already in its array). Dropping the newest
 * state is fine, e.g. the result of a `takeChunk` whose chunk could not be stored.
 *
 * Actions that do not apply are ignored (the state comes back unchanged): anything but `start` or
 * `resumeAfterReload` before a session exists, a measurement while paused or after finish, a measurement whose
 * time runs backwards, pause while paused, resume while recording, events after finish.
 */
export function recordSession(state: RecorderState, action: RecorderAction): RecorderState {
  if (action.type === 'start') return start(state, action);
  if (action.type === 'resumeAfterReload') return resumeAfterReload(state, action);
  const meta = state.meta;
  if (meta === undefined) return state;
  if (action.type === 'feelings') return withMeta(state, withFeelings(meta, action));
  if (meta.status === 'finished') return state;
  switch (action.type) {
    case 'monotonicStalled':
      return monotonicStalled(state, action.missedMs);
    case 'measurement':
      return meta.status === 'recording' ? recordMeasurement(state, action.measurement) : state;
    case 'strap':
      return strapChanged(state, action);
    case 'pause':
      if (meta.status !== 'recording') return state;
      return withEvent({ ...state, meta: { ...meta, status: 'paused' } }, 'paused', action.atMs);
    case 'resume': {
      if (meta.status !== 'paused') return state;
      const resumed = withEvent({ ...state, meta: { ...meta, status: 'recording' } }, 'resumed', action.atMs);
      // Paused time is not missing data: the gap clock restarts at the resume.
      const gapFromElapsedMs =
        state.gapFromElapsedMs === undefined ? undefined : elapsedAt(state, action.atMs);
      return { ...resumed, gapFromElapsedMs };
    }
    case 'finish':
      return finish(state, action.atMs, action.wallClockMs);
    case 'mark':
      return withEvent(state, 'mark', action.atMs, action.label);
    case 'cue':
      return withEvent(state, 'cue', action.atMs, action.cueId);
    case 'phase':
      return withEvent(state, 'phase-changed', action.atMs, action.phase);
  }
}

function start(state: RecorderState, action: Extract<RecorderAction, { type: 'start' }>): RecorderState {
  if (state.meta !== undefined) return state;
  const meta: SessionMeta = {
    id: action.id,
    kind: action.kind,
    status: 'recording',
    startedAtWallMs: action.wallClockMs,
    notes: '',
    events: [{ type: 'started', elapsedMs: 0 }],
  };
  if (action.runner !== undefined) {
    meta.runnerId = action.runner.id;
    meta.runnerName = action.runner.name;
  }
  if (action.group !== undefined) meta.group = action.group;
  if (action.strap !== undefined) meta.strap = action.strap;
  if (action.plan !== undefined) meta.plan = action.plan;
  if (action.zone !== undefined) {
    meta.zone = validGraceMs(action.graceMs) ? { ...action.zone, graceMs: action.graceMs } : action.zone;
  }
  if (action.before !== undefined) meta.before = action.before;
  const started: RecorderState = {
    ...createRecorder({ gapThresholdMs: state.gapThresholdMs }),
    meta,
    originMs: action.atMs,
  };
  if (action.strapLive !== true) return started;
  return { ...withEvent(started, 'strap-connected', action.atMs), strapLive: true, strapWasLive: true };
}

function validGraceMs(graceMs: number | undefined): graceMs is number {
  return graceMs !== undefined && Number.isFinite(graceMs) && graceMs >= 0;
}

function recordMeasurement(state: RecorderState, measurement: StrapMeasurement): RecorderState {
  const elapsedMs = elapsedAt(state, measurement.receivedAtMs);
  // The buffer is shared by design (see recordSession); the state's type keeps it read-only for everyone else.
  const samples = state.samples as SessionSample[];
  const last = samples[samples.length - 1];
  if (!(elapsedMs >= 0) || (last !== undefined && elapsedMs < last.elapsedMs)) return state;
  samples.push({
    elapsedMs,
    heartRateBpm: heartRateOf(measurement.heartRateBpm),
    sensorContact: measurement.sensorContact,
    rrIntervals1024: toRrIntervals1024(measurement.rrIntervalsMs),
  });
  const next: RecorderState = { ...state, gapFromElapsedMs: elapsedMs };
  const from = state.gapFromElapsedMs;
  if (from === undefined || elapsedMs - from <= state.gapThresholdMs) return next;
  return withEventAtElapsed(next, 'gap', elapsedMs, String(elapsedMs - from));
}

/**
 * A heart rate the sample codec and a backup can hold: an integer from 0 to {@link maxHeartRateBpm}, or null for
 * no reading (anything else, whatever sent it).
 */
function heartRateOf(heartRateBpm: number | null): number | null {
  if (heartRateBpm === null || !Number.isFinite(heartRateBpm)) return null;
  if (heartRateBpm < 0 || heartRateBpm > maxHeartRateBpm) return null;
  return Math.round(heartRateBpm);
}

/**
 * RR intervals back in the strap's unit, 1/1024 s: the decoder's ms values are exact multiples of 1000/1024,
 * so rounding recovers the integers it read. Values no strap can send (not finite, negative, beyond 16 bits)
 * are dropped, and so is 0: no heart beats twice at once, the summary never counted it as a beat, and a backup
 * (RR from 1 to 65535) could not have kept the session.
 */
export function toRrIntervals1024(rrIntervalsMs: readonly number[]): number[] {
  const out: number[] = [];
  for (const rrMs of rrIntervalsMs) {
    const rr1024 = Math.round(rrMs / msPerRrUnit);
    if (rr1024 >= 1 && rr1024 <= MAX_RR_1024) out.push(rr1024);
  }
  return out;
}

function strapChanged(
  state: RecorderState,
  action: Extract<RecorderAction, { type: 'strap' }>,
): RecorderState {
  let next = state;
  if (action.strap !== undefined && state.meta !== undefined) {
    next = withMeta(next, { ...state.meta, strap: action.strap });
  }
  const live = action.state.kind === 'live';
  if (live && !state.strapLive) {
    const type = state.strapWasLive ? 'strap-reconnected' : 'strap-connected';
    return { ...withEvent(next, type, action.atMs), strapLive: true, strapWasLive: true };
  }
  if (!live && state.strapLive) {
    const detail = action.state.kind === 'lost' ? `lost:${action.state.reason}` : action.state.kind;
    return { ...withEvent(next, 'strap-disconnected', action.atMs, detail), strapLive: false };
  }
  return next;
}

function monotonicStalled(state: RecorderState, missedMs: number): RecorderState {
  if (!(missedMs > 0) || !Number.isFinite(missedMs)) return state;
  return { ...state, originMs: state.originMs - missedMs };
}

function finish(state: RecorderState, atMs: number, wallClockMs: number): RecorderState {
  const ended = withEvent(state, 'finished', atMs);
  if (ended.meta === undefined) return state;
  const meta: SessionMeta = { ...ended.meta, status: 'finished', endedAtWallMs: wallClockMs };
  meta.summary = summarizeSession(meta, state.samples, { gapCapMs: state.gapThresholdMs });
  return { ...ended, meta };
}

function withFeelings(meta: SessionMeta, action: Extract<RecorderAction, { type: 'feelings' }>): SessionMeta {
  const next = { ...meta };
  if (action.after !== undefined) next.after = action.after;
  if (action.exertion !== undefined) next.exertion = action.exertion;
  if (action.notes !== undefined) next.notes = action.notes;
  return next;
}

/**
 * Continues an interrupted session on a new page (new monotonic clock). Elapsed time resumes where the wall
 * clock says the session now is (startedAtWallMs + elapsed), but never before the last stored sample or event,
 * so a clock set backwards cannot fold the record onto itself. The lost stretch is a `resumed-after-reload`
 * event (detail: its length in ms), and the first measurement after it is a `gap` event like any dropout.
 * Ignored when a session is already in the recorder or the stored one is finished.
 */
function resumeAfterReload(
  state: RecorderState,
  action: Extract<RecorderAction, { type: 'resumeAfterReload' }>,
): RecorderState {
  if (state.meta !== undefined || action.meta.status === 'finished') return state;
  const { meta, storedSamples } = action;
  const lastSampleElapsedMs = storedSamples[storedSamples.length - 1]?.elapsedMs;
  let lastKnownElapsedMs = lastSampleElapsedMs ?? 0;
  for (const event of meta.events) lastKnownElapsedMs = Math.max(lastKnownElapsedMs, event.elapsedMs);
  const byWallClockMs = Math.round(action.wallClockMs - meta.startedAtWallMs);
  const resumedElapsedMs = Math.max(lastKnownElapsedMs, Number.isFinite(byWallClockMs) ? byWallClockMs : 0);
  const strapWasLive = meta.events.some(
    (event) => event.type === 'strap-connected' || event.type === 'strap-reconnected',
  );
  const resumed: RecorderState = {
    ...createRecorder({ gapThresholdMs: state.gapThresholdMs }),
    meta,
    originMs: action.atMs - resumedElapsedMs,
    samples: [...storedSamples],
    storedCount: storedSamples.length,
    nextChunkSeq: action.nextChunkSeq,
    gapFromElapsedMs: lastSampleElapsedMs,
    strapWasLive,
  };
  const lostMs = resumedElapsedMs - lastKnownElapsedMs;
  return withEventAtElapsed(resumed, 'resumed-after-reload', resumedElapsedMs, String(lostMs));
}

/** Monotonic ms → elapsed ms of the session, rounded to whole ms (what the sample codec keeps). */
function elapsedAt(state: RecorderState, atMs: number): number {
  return Math.round(atMs - state.originMs);
}

function withMeta(state: RecorderState, meta: SessionMeta): RecorderState {
  return { ...state, meta };
}

function withEvent(
  state: RecorderState,
  type: SessionEventType,
  atMs: number,
  detail?: string,
): RecorderState {
  return withEventAtElapsed(state, type, Math.max(0, elapsedAt(state, atMs)), detail);
}

function withEventAtElapsed(
  state: RecorderState,
  type: SessionEventType,
  elapsedMs: number,
  detail?: string,
): RecorderState {
  if (state.meta === undefined) return state;
  const event: SessionEvent = detail === undefined ? { type, elapsedMs } : { type, elapsedMs, detail };
  return withMeta(state, { ...state.meta, events: [...state.meta.events, event] });
}
