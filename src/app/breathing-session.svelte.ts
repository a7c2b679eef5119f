import { ScreenWakeLock } from '../adapters/platform/wake-lock';
import {
  analyseResonanceBlock,
  blockIndexAt,
  breathingPlanRef,
  BreathingMonitor,
  chooseResonanceRate,
  exerciseSchedule,
  MAX_ARTIFACT_PCT,
  normaliseInhaleShare,
  resonanceBlockLabel,
  resonanceSchedule,
  scheduleAt,
  scheduleDurationMs,
  type BreathingMode,
  type BreathingReading,
  type BreathPhase,
  type PacerBlock,
  type ResonanceBlockResult,
  type SchedulePosition,
} from '../core/breathing/index';
import type { StrapEvent } from '../core/strap/connection-state';
import type { RunRecording } from './run-recording.svelte';
import type { StrapConnection } from './strap-connection.svelte';
import { BreathCues } from './breath-cues';

/** Which of the optional cues mark each "in" and "out". */
export interface BreathingSounds {
  readonly tones: boolean;
  readonly voice: boolean;
  readonly vibration: boolean;
}

export interface BreathingSetup {
  readonly mode: BreathingMode;
  /** The exercise's rate; the finder uses its own schedule. */
  readonly ratePerMinute: number;
  readonly inhaleShare: number;
  /** The exercise's length; the finder's is its five blocks. */
  readonly durationMs: number;
  readonly sounds: BreathingSounds;
}

/** Makes a phase change heard or felt. */
export interface BreathCueOutput {
  /** Call from the tap that starts the exercise: browsers let audio start only then. */
  unlock(): void;
  play(phase: BreathPhase): void;
  stop(): void;
}

export interface BreathingSessionOptions {
  /** Omitted: {@link BreathCues} as `sounds` asks, at the default volume, in English. */
  readonly cues?: BreathCueOutput;
  /** Called once the exercise is stored (ended by the clock or by the runner). */
  readonly onFinished?: (sessionId: string | undefined) => void;
  /** Omitted: the screen is kept on. */
  readonly wakeLock?: { start(): Promise<unknown>; stop(): Promise<unknown> } | null;
}

export type BreathingSessionState = 'idle' | 'running' | 'finishing' | 'finished' | 'refused';

/** The pacer moves smoothly by CSS; the clock only has to notice each phase change within a tenth of a second. */
const tickMs = 100;

/**
 * One breathing exercise, or the resonance-frequency finder: records a session of kind 'breathing' through the
 * run recording, follows the strap into the {@link BreathingMonitor} (live coherence every 5 s, the heart-rate
 * wave, honest readings), drives the pacer's clock with its cues, and ends itself when the time is up.
 *
 * The pace is stored in the session's plan reference (`breathing:<rate>:<inhale %>`, see core/breathing), and each
 * finder block's start as a `mark` event `pace:<rate>`. The finder keeps each block's RR (by receive time, the
 * pacer's clock) and at the end offers the rate with the best coherence and heart-rate swing.
 */
export class BreathingSession {
  readonly setup: BreathingSetup;
  readonly schedule: readonly PacerBlock[];
  readonly durationMs: number;
  readonly monitor = new BreathingMonitor();
  state = $state<BreathingSessionState>('idle');
  position = $state.raw<SchedulePosition | undefined>();
  reading = $state.raw<BreathingReading>({ kind: 'no-signal' });
  elapsedMs = $state(0);
  /** Bumped on every beat, so the wave chart redraws in place. */
  waveRevision = $state(0);
  /** The finder's results per block, and the rate it offers; set when it ends. */
  blockResults = $state.raw<readonly ResonanceBlockResult[]>([]);
  resonanceChoice = $state.raw<ResonanceBlockResult | undefined>();
  sessionId = $state<string | undefined>();
  readonly #recording: RunRecording;
  readonly #cues: BreathCueOutput;
  readonly #onFinished: ((sessionId: string | undefined) => void) | undefined;
  readonly #wakeLock: { start(): Promise<unknown>; stop(): Promise<unknown> } | undefined;
  readonly #blockRr: number[][];
  #originMs = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #unsubscribe: (() => void) | undefined;
  #lastPhaseKey = '';
  #lastBlock = -1;

  constructor(setup: BreathingSetup, recording: RunRecording, options: BreathingSessionOptions = {}) {
    this.setup = { ...setup, inhaleShare: normaliseInhaleShare(setup.inhaleShare) };
    this.schedule =
      setup.mode === 'resonance'
        ? resonanceSchedule()
        : exerciseSchedule(setup.ratePerMinute, setup.durationMs);
    this.durationMs = scheduleDurationMs(this.schedule);
    this.#recording = recording;
    this.#cues = options.cues ?? new BreathCues(setup.sounds);
    this.#onFinished = options.onFinished;
    this.#wakeLock = options.wakeLock === null ? undefined : (options.wakeLock ?? new ScreenWakeLock());
    this.#blockRr = this.schedule.map(() => []);
  }

  /** The time left until the exercise (or the finder) ends. */
  get leftMs(): number {
    return Math.max(0, this.durationMs - this.elapsedMs);
  }

  get ratePerMinute(): number {
    return this.position?.block.ratePerMinute ?? this.schedule[0]?.ratePerMinute ?? this.setup.ratePerMinute;
  }

  /**
   * Starts recording and the pacer; call from the tap on Start. False when the recording could not start (another
   * tab records).
   */
  async start(strap: StrapConnection | undefined, runner?: { id: string; name: string }): Promise<boolean> {
    if (this.state !== 'idle') return this.state === 'running';
    this.#cues.unlock();
    const first = this.schedule[0];
    const started = await this.#recording.start({
      strap,
      kind: 'breathing',
      plan: breathingPlanRef(
        this.setup.mode,
        first?.ratePerMinute ?? this.setup.ratePerMinute,
        this.setup.inhaleShare,
      ),
      ...(runner && { runner }),
    });
    if (!started) {
      this.state = 'refused';
      return false;
    }
    this.#originMs = this.#recording.state.originMs;
    this.state = 'running';
    if (strap) this.follow(strap);
    void this.#wakeLock?.start();
    this.#tick();
    this.#timer = setInterval(() => {
      this.#tick();
    }, tickMs);
    return true;
  }

  /** Follows this strap from now on (one connected after Start included). */
  follow(strap: StrapConnection): void {
    this.#unsubscribe?.();
    this.#unsubscribe = strap.source.subscribe(this.#onStrapEvent);
  }

  /** Ends the exercise now (the runner stopped, or its time is up) and stores it. Returns the session id. */
  async finish(): Promise<string | undefined> {
    if (this.state !== 'running') return this.sessionId;
    this.state = 'finishing';
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#cues.stop();
    void this.#wakeLock?.stop();
    if (this.setup.mode === 'resonance') this.#chooseResonance();
    const id = await this.#recording.finish();
    this.sessionId = id;
    this.state = 'finished';
    this.#onFinished?.(id);
    return id;
  }

  /** Stops everything without storing (the app is closing). */
  dispose(): void {
    clearInterval(this.#timer);
    this.#unsubscribe?.();
    this.#cues.stop();
    void this.#wakeLock?.stop();
  }

  readonly #onStrapEvent = (event: StrapEvent): void => {
    if (event.type !== 'measurement' || this.state !== 'running') return;
    const measurement = event.measurement;
    if (!this.monitor.addMeasurement(measurement)) return;
    if (this.setup.mode === 'resonance') {
      // Beats belong to the block the pacer was in when they arrived: the clock the runner breathed to.
      const block = this.#blockRr[blockIndexAt(this.schedule, measurement.receivedAtMs - this.#originMs)];
      block?.push(...measurement.rrIntervalsMs);
    }
    this.waveRevision++;
  };

  #tick(): void {
    if (this.state !== 'running') return;
    const nowMs = performance.now();
    const elapsedMs = Math.max(0, nowMs - this.#originMs);
    this.elapsedMs = elapsedMs;
    const position = scheduleAt(this.schedule, elapsedMs, this.setup.inhaleShare);
    if (!position) return;
    if (position.done) {
      void this.finish();
      return;
    }
    this.position = position;
    if (position.blockIndex !== this.#lastBlock) {
      this.#lastBlock = position.blockIndex;
      if (this.setup.mode === 'resonance')
        this.#recording.mark(resonanceBlockLabel(position.block.ratePerMinute));
    }
    const phaseKey = `${position.blockIndex}:${position.breath.breath}:${position.breath.phase}`;
    if (phaseKey !== this.#lastPhaseKey) {
      this.#lastPhaseKey = phaseKey;
      this.#cues.play(position.breath.phase);
    }
    const reading = this.monitor.reading(nowMs);
    if (!sameReading(reading, this.reading)) this.reading = reading;
  }

  #chooseResonance(): void {
    const results = this.schedule.map((block, index) =>
      analyseResonanceBlock(block.ratePerMinute, this.#blockRr[index] ?? []),
    );
    this.blockResults = results;
    this.resonanceChoice = chooseResonanceRate(results, MAX_ARTIFACT_PCT);
  }
}

function sameReading(a: BreathingReading, b: BreathingReading): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'level' && b.kind === 'level') return a.ratio === b.ratio;
  if (a.kind === 'waiting' && b.kind === 'waiting') return Math.floor(a.coveredS) === Math.floor(b.coveredS);
  if (a.kind === 'too-many-artifacts' && b.kind === 'too-many-artifacts')
    return a.artifactPct === b.artifactPct;
  return true;
}
