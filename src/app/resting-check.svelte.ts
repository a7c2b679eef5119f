import { ScreenWakeLock } from '../adapters/platform/wake-lock';
import {
  DEFAULT_INHALE_SHARE,
  exerciseSchedule,
  scheduleAt,
  type SchedulePosition,
} from '../core/breathing/index';
import { restingPlanRef } from '../core/session/resting-plan';
import type { RestingCheckMinutes, RunnerRef, SessionSummary } from '../core/session/session-model';
import type { RunRecording } from './run-recording.svelte';
import type { StrapConnection } from './strap-connection.svelte';

export interface RestingCheckSetup {
  readonly minutes: RestingCheckMinutes;
  /** The pacer's rate, breaths a minute, when paced breathing is on; undefined to breathe freely (the default). */
  readonly breathingRatePerMinute: number | undefined;
}

export interface RestingCheckOptions {
  /** Removes a stored session: a check stopped early is not kept. */
  readonly discardSession: (sessionId: string) => Promise<unknown>;
  /** Called once the check is stored (its time is up). */
  readonly onFinished?: (sessionId: string | undefined) => void;
  /** Omitted: the screen is kept on. */
  readonly wakeLock?: { start(): Promise<unknown>; stop(): Promise<unknown> } | null;
}

/**
 * idle → running → finishing → finished (stored, with its summary), or → discarding → discarded when stopped early;
 * refused when the recording could not start (another tab records).
 */
export type RestingCheckState =
  'idle' | 'running' | 'finishing' | 'finished' | 'discarding' | 'discarded' | 'refused';

/** The countdown only has to move each second, and the optional pacer notice each phase change. */
const tickMs = 250;

/**
 * One seated resting HRV check: recorded as a session of kind 'resting' through the run recording (its RR series
 * stored like every session's, its setup in the plan reference), a countdown of the chosen 2 or 5 minutes with the
 * optional pacer's clock, and the summary (core/hrv/resting-check, through the summary builder) once the time is
 * up. Stopping early discards the session: a partial check would be compared with whole ones later.
 */
export class RestingCheck {
  readonly setup: RestingCheckSetup;
  readonly durationMs: number;
  state = $state<RestingCheckState>('idle');
  elapsedMs = $state(0);
  /** The pacer's breath, when paced breathing is on. */
  position = $state.raw<SchedulePosition | undefined>();
  sessionId = $state<string | undefined>();
  /** The stored summary once finished: the figures, or the refusal with its reason. */
  summary = $state.raw<SessionSummary | undefined>();
  readonly #recording: RunRecording;
  readonly #options: RestingCheckOptions;
  readonly #wakeLock: { start(): Promise<unknown>; stop(): Promise<unknown> } | undefined;
  #originMs = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(setup: RestingCheckSetup, recording: RunRecording, options: RestingCheckOptions) {
    this.setup = setup;
    this.durationMs = setup.minutes * 60_000;
    this.#recording = recording;
    this.#options = options;
    this.#wakeLock = options.wakeLock === null ? undefined : (options.wakeLock ?? new ScreenWakeLock());
  }

  get leftMs(): number {
    return Math.max(0, this.durationMs - this.elapsedMs);
  }

  get pacedBreathing(): boolean {
    return this.setup.breathingRatePerMinute !== undefined;
  }

  /** Starts recording and the countdown; call from the tap on Start. False when the recording could not start. */
  async start(strap: StrapConnection | undefined, runner?: RunnerRef): Promise<boolean> {
    if (this.state !== 'idle') return this.state === 'running';
    const started = await this.#recording.start({
      strap,
      kind: 'resting',
      plan: restingPlanRef({
        minutes: this.setup.minutes,
        breathingRatePerMinute: this.setup.breathingRatePerMinute,
      }),
      ...(runner && { runner }),
    });
    if (!started) {
      this.state = 'refused';
      return false;
    }
    this.#originMs = this.#recording.state.originMs;
    this.state = 'running';
    void this.#wakeLock?.start();
    this.#tick();
    this.#timer = setInterval(() => {
      this.#tick();
    }, tickMs);
    return true;
  }

  /** Ends the check and stores it with its summary (its time is up). Returns the session id. */
  async finish(): Promise<string | undefined> {
    if (this.state !== 'running') return this.sessionId;
    this.state = 'finishing';
    this.#stopClock();
    const id = await this.#recording.finish();
    this.sessionId = id;
    this.summary = this.#recording.meta?.summary;
    this.state = 'finished';
    this.#options.onFinished?.(id);
    return id;
  }

  /** Stops the check early and removes what was recorded of it. */
  async discard(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'discarding';
    this.#stopClock();
    const id = await this.#recording.finish();
    if (id !== undefined) {
      try {
        await this.#options.discardSession(id);
      } catch {
        // Storage failed: the partial check stays in history, where it can be deleted by hand.
      }
    }
    this.#recording.reset();
    this.state = 'discarded';
  }

  /** Stops everything without storing more (the app is closing). */
  dispose(): void {
    this.#stopClock();
  }

  #stopClock(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    void this.#wakeLock?.stop();
  }

  #tick(): void {
    if (this.state !== 'running') return;
    const elapsedMs = Math.max(0, performance.now() - this.#originMs);
    this.elapsedMs = elapsedMs;
    if (elapsedMs >= this.durationMs) {
      void this.finish();
      return;
    }
    const rate = this.setup.breathingRatePerMinute;
    if (rate !== undefined)
      this.position = scheduleAt(exerciseSchedule(rate, this.durationMs), elapsedMs, DEFAULT_INHALE_SHARE);
  }
}
