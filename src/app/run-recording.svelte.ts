import { decodeSamples } from '../core/session/sample-codec';
import { CHUNK_INTERVAL_MS, isChunkDue, takeChunk } from '../core/session/sample-chunk';
import { checkMonotonicStall, type ClockReading } from '../core/session/monotonic-stall';
import {
  createRecorder,
  recordSession,
  type RecorderAction,
  type RecorderState,
} from '../core/session/session-recorder';
import type {
  MoodReport,
  RunFeelings,
  RunnerRef,
  SampleChunk,
  SessionGroupRef,
  SessionKind,
  SessionMeta,
  SessionPlanRef,
  SessionStrap,
  SessionZone,
} from '../core/session/session-model';
import type { StrapEvent } from '../core/strap/connection-state';
import type { SessionStorage, InterruptedSession } from '../adapters/storage/session-storage';
import { StorageFullError } from '../adapters/storage/storage-errors';
import { acquireRecordingLock, sessionLockName, type RecordingLock } from '../adapters/platform/web-locks';
import type { StrapConnection } from './strap-connection.svelte';
import { SecondTicker } from './second-ticker';

export type RecordingProblem = 'storage-full' | 'storage-failed' | 'held-elsewhere';

/**
 * Which lock a recording holds: the tab's own (only one tab records; a breathing exercise), or one for its session
 * alone (each runner's run of a group, while the group holds the tab's lock).
 */
export type RecordingLockScope = 'tab' | 'session';

/** How often the controller checks whether a chunk is due; the recorder itself decides (at least every 5 s). */
const flushCheckMs = 1000;
/**
 * A chunk is taken this long after the newest sample stored: one check (or one packet, about a second apart) early,
 * so a chunk due at 5 s never waits until 6 s and the promise of at most 5 s lost holds.
 */
const chunkDueAfterMs = CHUNK_INTERVAL_MS - flushCheckMs;

function strapOnRecord(strap: StrapConnection): SessionStrap | undefined {
  const info = strap.info;
  if (!info) return undefined;
  return {
    name: info.name,
    ...(info.bodySensorLocation !== undefined && { bodySensorLocation: info.bodySensorLocation }),
  };
}

/**
 * The run being recorded: feeds the pure recorder from the strap, stores a chunk at least every 5 s so a crash loses
 * at most that much, and keeps the run in memory when storage fails so it can still be exported.
 */
export class RunRecording {
  state = $state.raw<RecorderState>(createRecorder());
  problem = $state<RecordingProblem | undefined>();
  readonly #store: SessionStorage;
  #lock: RecordingLock | undefined;
  readonly #ticker: SecondTicker;
  /** Stops the chunk check; set while the run records. */
  #stopFlushCheck: (() => void) | undefined;
  #unsubscribeStrap: (() => void) | undefined;
  #strap: StrapConnection | undefined;
  /** Chunks handed out by the recorder but not yet stored: retried in order, never dropped. */
  #unstoredChunks: SampleChunk[] = [];
  #storedMeta: SessionMeta | undefined;
  #flushing: Promise<void> | undefined;
  readonly #lockScope: RecordingLockScope;
  /** The last reading at which both clocks agreed, to notice the monotonic clock standing still. */
  #clockReference: ClockReading | undefined;

  constructor(
    store: SessionStorage,
    options: { lockScope?: RecordingLockScope; ticker?: SecondTicker } = {},
  ) {
    this.#store = store;
    this.#ticker = options.ticker ?? new SecondTicker(flushCheckMs);
    this.#lockScope = options.lockScope ?? 'tab';
  }

  // The recorder's state is replaced with every sample; these change only when the run starts, pauses, resumes,
  // ends or gets an event, so what shows them (the run screen's blocks) is not re-run for every packet.
  #meta = $derived.by(() => this.state.meta);
  #isActive = $derived.by(() => {
    const status = this.#meta?.status;
    return status === 'recording' || status === 'paused';
  });

  get meta(): SessionMeta | undefined {
    return this.#meta;
  }

  get isActive(): boolean {
    return this.#isActive;
  }

  async start(options: {
    strap: StrapConnection | undefined;
    /** What is recorded: a run (the default) or a breathing exercise. */
    kind?: SessionKind;
    before?: MoodReport;
    runner?: RunnerRef;
    group?: SessionGroupRef;
    zone?: SessionZone;
    /** The zone tracker's grace in force, kept with the zone so the summary counts time in zone as the run did. */
    graceMs?: number;
    plan?: SessionPlanRef;
  }): Promise<boolean> {
    if (this.isActive) return true;
    const id = crypto.randomUUID();
    if (!(await this.#takeLock(id))) return false;
    const strap = options.strap;
    const strapInfo = strap ? strapOnRecord(strap) : undefined;
    this.problem = undefined;
    this.state = createRecorder();
    const now = readClocks();
    this.#clockReference = now;
    this.#dispatch({
      type: 'start',
      id,
      kind: options.kind ?? 'run',
      atMs: now.monotonicMs,
      wallClockMs: now.wallClockMs,
      strapLive: strap?.state.kind === 'live',
      ...(strapInfo && { strap: strapInfo }),
      ...(options.before && { before: options.before }),
      ...(options.runner && { runner: options.runner }),
      ...(options.group && { group: options.group }),
      ...(options.zone && { zone: options.zone }),
      ...(options.graceMs !== undefined && { graceMs: options.graceMs }),
      ...(options.plan && { plan: options.plan }),
    });
    const meta = this.state.meta;
    if (!meta) return false;
    await this.#write(() => this.#store.createSession(meta), meta);
    if (strap) this.attachStrap(strap);
    this.#startFlushing();
    return true;
  }

  /** Records this strap from now on; a strap connected after Start is recorded from that moment. */
  attachStrap(strap: StrapConnection): void {
    if (this.#strap === strap) return;
    this.#unsubscribeStrap?.();
    this.#strap = strap;
    // The first callback replays the strap's current state; it is recorded as a state change like any other.
    this.#unsubscribeStrap = strap.source.subscribe(this.#onStrapEvent);
  }

  pause(): void {
    this.#dispatch({ type: 'pause', atMs: this.#nowMs() });
  }

  resume(): void {
    this.#dispatch({ type: 'resume', atMs: this.#nowMs() });
  }

  mark(label?: string): void {
    this.#dispatch({ type: 'mark', atMs: this.#nowMs(), ...(label !== undefined && { label }) });
  }

  cue(cueId: string): void {
    this.#dispatch({ type: 'cue', atMs: this.#nowMs(), cueId });
  }

  /** Ends the run, stores the rest and the summary, and lets another tab record. Returns the session id. */
  async finish(): Promise<string | undefined> {
    const id = this.state.meta?.id;
    if (!this.isActive) return id;
    const now = readClocks();
    this.#noteReading(now);
    this.#dispatch({ type: 'finish', atMs: now.monotonicMs, wallClockMs: now.wallClockMs });
    await this.#stop();
    return id;
  }

  async saveFeelings(feelings: RunFeelings): Promise<void> {
    this.#dispatch({ type: 'feelings', ...feelings });
    const meta = this.state.meta;
    if (meta) await this.#write(() => this.#store.updateMeta(meta), meta);
  }

  /** Carries on a run that a reload or crash interrupted, with everything up to its last stored chunk. */
  async resumeInterrupted(
    interrupted: InterruptedSession,
    strap: StrapConnection | undefined,
  ): Promise<boolean> {
    if (!(await this.#takeLock(interrupted.meta.id))) return false;
    await this.#loadInterrupted(interrupted);
    if (strap) this.attachStrap(strap);
    this.#startFlushing();
    return true;
  }

  /** Ends an interrupted run where its record stops, without counting the time the app was closed. */
  async finishInterrupted(interrupted: InterruptedSession): Promise<string> {
    await this.#loadInterrupted(interrupted);
    const lastElapsedMs = this.state.samples.at(-1)?.elapsedMs ?? interrupted.lastElapsedMs ?? 0;
    this.#dispatch({
      type: 'finish',
      atMs: this.state.originMs + lastElapsedMs,
      wallClockMs: interrupted.meta.startedAtWallMs + lastElapsedMs,
    });
    await this.#stop();
    return interrupted.meta.id;
  }

  /** Forgets a finished run so the next one starts clean. */
  reset(): void {
    if (this.isActive) return;
    this.state = createRecorder();
    this.problem = undefined;
  }

  dispose(): void {
    this.#stopFlushCheck?.();
    this.#stopFlushCheck = undefined;
    this.#unsubscribeStrap?.();
    this.#lock?.release();
  }

  async #loadInterrupted(interrupted: InterruptedSession): Promise<void> {
    const parts = await this.#store.loadSamplesBytes(interrupted.meta.id);
    const storedSamples = parts.flatMap((bytes) => decodeSamples(bytes));
    this.state = createRecorder();
    const now = readClocks();
    this.#clockReference = now;
    this.#dispatch({
      type: 'resumeAfterReload',
      meta: interrupted.meta,
      storedSamples,
      nextChunkSeq: interrupted.nextSeq,
      atMs: now.monotonicMs,
      wallClockMs: now.wallClockMs,
    });
    this.#storedMeta = interrupted.meta;
  }

  async #takeLock(sessionId: string): Promise<boolean> {
    const lock = await acquireRecordingLock(
      undefined,
      this.#lockScope === 'session' ? sessionLockName(sessionId) : undefined,
    );
    if (lock === 'held-elsewhere') {
      this.problem = 'held-elsewhere';
      return false;
    }
    if (lock !== 'unsupported') this.#lock = lock;
    return true;
  }

  readonly #onStrapEvent = (event: StrapEvent): void => {
    if (event.type === 'measurement') {
      const { measurement } = event;
      this.#noteReading({ monotonicMs: measurement.receivedAtMs, wallClockMs: measurement.wallClockMs });
      this.#dispatch({ type: 'measurement', measurement });
      // Arriving packets take the chunk too: with the screen off the browser may run the timer below only once a
      // minute, and the promise of at most 5 s lost must not depend on it.
      if (
        this.#stopFlushCheck !== undefined &&
        isChunkDue(this.state, measurement.receivedAtMs, chunkDueAfterMs)
      )
        void this.#flush();
    } else if (event.type === 'state') {
      const strap = this.#strap ? strapOnRecord(this.#strap) : undefined;
      this.#dispatch({ type: 'strap', atMs: this.#nowMs(), state: event.state, ...(strap && { strap }) });
    }
  };

  #dispatch(action: RecorderAction): void {
    this.state = recordSession(this.state, action);
  }

  /**
   * The run's own time now: ms since it started, with whatever the monotonic clock missed while the phone slept
   * added (see checkMonotonicStall), as the run's clock on the screen counts it.
   */
  runMsNow(): number {
    return this.#nowMs() - this.state.originMs;
  }

  /** A monotonic time taken since the last reading (a packet's arrival), as the run's own time. */
  runMsAt(monotonicMs: number): number {
    return monotonicMs - this.state.originMs;
  }

  /** The monotonic time now, once a stall of that clock since the last reading has been accounted for. */
  #nowMs(): number {
    const now = readClocks();
    this.#noteReading(now);
    return now.monotonicMs;
  }

  /** Moves the run's time on by whatever the monotonic clock missed (see checkMonotonicStall). */
  #noteReading(reading: ClockReading): void {
    const { reference, missedMs } = checkMonotonicStall(this.#clockReference, reading);
    this.#clockReference = reference;
    if (missedMs > 0) this.#dispatch({ type: 'monotonicStalled', missedMs });
  }

  #startFlushing(): void {
    this.#stopFlushCheck?.();
    this.#stopFlushCheck = this.#ticker.add(() => {
      if (isChunkDue(this.state, this.#nowMs(), chunkDueAfterMs)) void this.#flush();
    });
  }

  async #stop(): Promise<void> {
    this.#stopFlushCheck?.();
    this.#stopFlushCheck = undefined;
    this.#unsubscribeStrap?.();
    this.#unsubscribeStrap = undefined;
    this.#strap = undefined;
    await this.#flush();
    const meta = this.state.meta;
    if (meta && this.#unstoredChunks.length === 0)
      await this.#write(() => this.#store.finishSession(meta), meta);
    this.#lock?.release();
    this.#lock = undefined;
  }

  /** Takes what is due from the recorder at once (so no later sample is missed), then stores it in order. */
  #flush(): Promise<void> {
    const taken = takeChunk(this.state);
    this.state = taken.state;
    if (taken.chunk) this.#unstoredChunks.push(taken.chunk);
    const previous = this.#flushing ?? Promise.resolve();
    const next = previous.then(() => this.#writePending());
    this.#flushing = next;
    return next;
  }

  async #writePending(): Promise<void> {
    while (this.#unstoredChunks.length > 0) {
      const chunk = this.#unstoredChunks[0];
      if (!chunk) break;
      const stored = await this.#write(() => this.#store.appendChunk(chunk));
      if (!stored) return;
      this.#unstoredChunks.shift();
    }
    const meta = this.state.meta;
    if (meta && meta !== this.#storedMeta && meta.status !== 'finished') {
      await this.#write(() => this.#store.updateMeta(meta), meta);
    }
  }

  /**
   * Runs one write; a failure is shown, never thrown, and the run stays in memory for a retry or an export.
   * `meta` is the session record the write stores, if it stores one.
   */
  async #write(write: () => Promise<void>, meta?: SessionMeta): Promise<boolean> {
    try {
      await write();
      if (meta) this.#storedMeta = meta;
      if (this.problem === 'storage-full' || this.problem === 'storage-failed') this.problem = undefined;
      return true;
    } catch (error) {
      this.problem = error instanceof StorageFullError ? 'storage-full' : 'storage-failed';
      return false;
    }
  }
}

function readClocks(): ClockReading {
  return { monotonicMs: performance.now(), wallClockMs: Date.now() };
}
