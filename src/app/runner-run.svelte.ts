import { cuePhrase } from '../adapters/cues/cue-phrase';
import type { CueLocale } from '../adapters/cues/cue-output';
import type { InterruptedSession, SessionStorage } from '../adapters/storage/session-storage';
import { attentionReasons, type AttentionReason } from '../core/group/attention';
import type { RunPlan } from '../core/coaching/run-plan';
import { planDurationMs } from '../core/coaching/run-plan';
import type {
  MoodReport,
  RunFeelings,
  RunnerRef,
  SessionGroupRef,
  SessionPlanRef,
  SessionZone,
} from '../core/session/session-model';
import { activeMsAt } from '../core/session/session-summary';
import { inZonePercent, timeInZoneOf } from '../core/zones/zone-time';
import type { CoachingPreferences } from '../adapters/storage/preferences-store';
import { RunCoach } from './run-coach.svelte';
import { CalibrationRun } from './calibration-run.svelte';
import { RunRecording, type RecordingLockScope } from './run-recording.svelte';
import type { SecondTicker } from './second-ticker';
import type { StrapConnection } from './strap-connection.svelte';

/** What one runner's run is set up with before it starts. */
export interface RunnerRunSetup {
  /** Undefined for a solo run without a profile yet: it runs by feel. */
  runner: RunnerRef | undefined;
  zone: SessionZone | undefined;
  plan: RunPlan | undefined;
  planRef: SessionPlanRef | undefined;
  before: MoodReport | undefined;
  group: SessionGroupRef | undefined;
  coaching: CoachingPreferences;
  locale: () => CueLocale;
  /** Cues decided and recorded but not played (a group run: the runners do not hear the therapist's phone). */
  silentCues: boolean;
  lockScope: RecordingLockScope;
  /** The app's one-second clock, shared by every run's coach and recording; else each keeps its own. */
  ticker?: SecondTicker;
}

/**
 * One runner's run, the unit of every run: their strap, their zone tracker and cue policy (the coach), and their
 * recorder with its own crash-safe chunks and lock. A solo run is a group of one.
 */
export class RunnerRun {
  readonly runner: RunnerRef | undefined;
  readonly zone: SessionZone | undefined;
  readonly plan: RunPlan | undefined;
  readonly recording: RunRecording;
  coach = $state.raw<RunCoach | undefined>();
  strap = $state.raw<StrapConnection | undefined>();
  /** A DFA-a1 calibration run's points and, once finished, its result, until used or dismissed. */
  calibration = $state.raw<CalibrationRun | undefined>();
  readonly #setup: RunnerRunSetup;
  // The recorder's state is replaced with every sample; these change only when the run starts, pauses, resumes,
  // ends or gets an event, so what reads them (the group's clock and count, each tile's state) is not re-run for
  // every packet of every strap.
  #meta = $derived.by(() => this.recording.meta);
  #isActive = $derived.by(() => this.recording.isActive);
  #originMs = $derived.by(() => this.recording.state.originMs);

  constructor(store: SessionStorage, setup: RunnerRunSetup) {
    this.#setup = setup;
    this.runner = setup.runner;
    this.zone = setup.zone;
    this.plan = setup.plan;
    this.recording = new RunRecording(store, {
      lockScope: setup.lockScope,
      ...(setup.ticker && { ticker: setup.ticker }),
    });
  }

  /** A stable key for lists and tiles: the runner, else the session. */
  get key(): string {
    return this.runner?.id ?? this.#meta?.id ?? 'solo';
  }

  get sessionId(): string | undefined {
    return this.#meta?.id;
  }

  get isActive(): boolean {
    return this.#isActive;
  }

  get isFinished(): boolean {
    return this.#meta?.status === 'finished';
  }

  /** The zone to show: none when running by feel. */
  get shownZone(): SessionZone | undefined {
    return this.zone?.method === 'by-feel' ? undefined : this.zone;
  }

  /** The planned run's length, for the summary's "how much of the plan was done". */
  get plannedMs(): number | undefined {
    return this.plan ? planDurationMs(this.plan) : undefined;
  }

  /** Starts recording and coaching; call from the tap that starts the run, so audio is allowed. */
  async start(strap: StrapConnection | undefined): Promise<boolean> {
    const setup = this.#setup;
    const started = await this.recording.start({
      strap,
      ...(setup.before && { before: setup.before }),
      ...(setup.runner && { runner: setup.runner }),
      ...(setup.group && { group: setup.group }),
      ...(setup.zone && { zone: setup.zone, graceMs: setup.coaching.graceSeconds * 1000 }),
      ...(setup.planRef && { plan: setup.planRef }),
    });
    if (!started) return false;
    this.strap = strap;
    this.#startCoach(this.zone, strap);
    return true;
  }

  /** Carries on a run a reload or crash interrupted, with everything up to its last stored chunk. */
  async resumeAfterReload(
    interrupted: InterruptedSession,
    strap: StrapConnection | undefined,
  ): Promise<boolean> {
    const resumed = await this.recording.resumeInterrupted(interrupted, strap);
    if (!resumed) return false;
    this.strap = strap;
    this.#startCoach(interrupted.meta.zone, strap);
    if (interrupted.meta.status === 'paused') this.coach?.pauseAt(performance.now());
    return true;
  }

  /**
   * Makes this run a calibration run: every beat goes to DFA-a1, and the run must rise through the threshold, so
   * the coach gives no "slow down" on the way, only plan-free coaching.
   */
  startCalibration(): void {
    const calibration = new CalibrationRun();
    if (this.strap) calibration.follow(this.strap);
    this.calibration = calibration;
    this.#startCoach(undefined, this.strap, undefined);
  }

  dismissCalibration(): void {
    this.calibration = undefined;
  }

  /** Records and coaches this strap from now on (one connected after the start, or back after a reload). */
  attach(strap: StrapConnection): void {
    if (this.strap === strap) return;
    this.strap = strap;
    this.recording.attachStrap(strap);
    this.coach?.follow(strap);
    if (this.calibration && !this.calibration.result) this.calibration.follow(strap);
  }

  pause(): void {
    this.recording.pause();
    this.coach?.pauseAt(performance.now());
  }

  resume(): void {
    this.recording.resume();
    this.coach?.resumeAt(performance.now());
  }

  async finish(): Promise<string | undefined> {
    this.coach?.stop();
    if (this.calibration && !this.calibration.result) this.calibration.finish();
    return this.recording.finish();
  }

  saveFeelings(feelings: RunFeelings): Promise<void> {
    return this.recording.saveFeelings(feelings);
  }

  dispose(): void {
    this.coach?.stop();
    this.recording.dispose();
  }

  /** Active time at `nowMs` (monotonic), paused time left out. */
  activeMs(nowMs: number): number {
    const meta = this.#meta;
    if (!meta) return 0;
    return activeMsAt(meta.events, Math.max(0, nowMs - this.#originMs));
  }

  /** The last cue in the app's language, as it was (or, in a group, would have been) said. */
  get lastCueWords(): string | undefined {
    const cue = this.coach?.lastCue;
    return cue ? cuePhrase(cue, this.#setup.locale()) : undefined;
  }

  /** Share of the time with a reading spent in the zone so far, 0..100, as the tracker counts it. */
  get inZonePct(): number | undefined {
    const times = this.coach?.zoneTimes;
    if (!times || !this.shownZone) return undefined;
    return inZonePercent(timeInZoneOf(times));
  }

  /** Why this runner needs the therapist's attention now; empty when all is calm. */
  get attention(): AttentionReason[] {
    const strap = this.strap;
    if (!this.isActive) return [];
    return attentionReasons({
      connection: strap?.state.kind ?? 'lost',
      sensorContact: strap?.sensorContact,
      zoneState: this.coach?.zoneState ?? 'no-reading',
      batteryPercent: strap?.info?.batteryPercent,
    });
  }

  #startCoach(zone: SessionZone | undefined, strap: StrapConnection | undefined, plan = this.plan): void {
    this.coach?.stop();
    const coach = new RunCoach(
      {
        zone,
        plan,
        coaching: this.#setup.coaching,
        locale: this.#setup.locale(),
        silent: this.#setup.silentCues,
        ...(this.#setup.ticker && { ticker: this.#setup.ticker }),
      },
      this.recording,
    );
    coach.start(strap);
    this.coach = coach;
  }
}
