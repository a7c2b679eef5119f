import { StrapConnection } from './strap-connection.svelte';
import { Router } from './router.svelte';
import { RunRecording } from './run-recording.svelte';
import { SessionLibrary } from './session-library.svelte';
import { exportBackupFile } from './session-export';
import { PreferencesState } from './preferences.svelte';
import { RunCoach } from './run-coach.svelte';
import { CalibrationRun } from './calibration-run.svelte';
import { plannedRun, zoneForRunner, type RunChoice } from './run-choice';
import { i18n } from '../i18n/i18n.svelte';
import type { RunPlan } from '../core/coaching/run-plan';
import { BREATHING_BLOCKS_SUFFIX, type Course, type CourseProgress } from '../core/coaching/index';
import {
  courseOfLength,
  courseOfPlan,
  effectiveLength,
  progressFromHistory,
  type CourseLength,
} from './course';
import {
  createBluetoothStrap,
  createReplay,
  createSimulatedStrap,
  findPairedStraps,
  webBluetooth,
} from './strap-sources';
import type { HeartRateSource } from '../adapters/heart-rate-source';
import type { ConnectionState } from '../core/strap/connection-state';
import type { ExertionScore, MoodReport, SessionPlanRef, SessionZone } from '../core/session/session-model';
import type { InterruptedSession } from '../adapters/storage/session-storage';
import {
  BreathingSession,
  BrowserBreathCues,
  saveOwnBreathingRate,
  type BreathingSetup,
} from './breathing-session.svelte';
import { AppUpdate, type UpdateBlocker } from './app-update.svelte';
import { createAppUpdateChannel } from '../adapters/service-worker/app-update-channel';
import { isRecordingLockHeld } from '../adapters/platform/web-locks';

const calibrationPlanRef: SessionPlanRef = { planId: 'calibration', name: 'DFA-a1 calibration' };

/** The app's top-level state: the connected straps and what the browser can do. */
export class AppState {
  straps = $state.raw<StrapConnection[]>([]);
  pairedDevices = $state.raw<BluetoothDevice[]>([]);
  /** Monotonic time, ticking once a second, for "last beat 12 s ago". */
  nowMs = $state(performance.now());
  /** Why the last attempt to connect did not get as far as a live strap. */
  connectProblem = $state.raw<Extract<ConnectionState, { kind: 'lost' }> | undefined>();
  readonly bluetooth = webBluetooth();
  readonly router = new Router();
  readonly library = new SessionLibrary();
  recording = $state.raw<RunRecording | undefined>();
  coach = $state.raw<RunCoach | undefined>();
  /** The calibration run in progress or just finished, until its result is used or dismissed. */
  calibration = $state.raw<CalibrationRun | undefined>();
  readonly preferences = new PreferencesState();
  /** The breathing exercise in progress or just finished, until the screen lets it go. */
  breathing = $state.raw<BreathingSession | undefined>();
  /** A new version of the app, waiting until nothing records. */
  readonly update = new AppUpdate(
    createAppUpdateChannel(),
    () => this.#updateBlocker(),
    () => isRecordingLockHeld(),
  );
  #ticker: ReturnType<typeof setInterval> | undefined;

  get bluetoothSupported(): boolean {
    return this.bluetooth !== undefined;
  }

  async start(): Promise<void> {
    this.update.start();
    this.#ticker = setInterval(() => {
      this.nowMs = performance.now();
    }, 1000);
    const paired = this.bluetooth ? findPairedStraps(this.bluetooth) : Promise.resolve([]);
    await this.library.open();
    const store = this.library.store;
    if (store) this.recording = new RunRecording(store);
    this.pairedDevices = await paired;
  }

  /** Starts recording a run with the first strap, if one is connected; false when another tab records. */
  async startRun(
    before: MoodReport | undefined,
    choice: RunChoice,
    planRef?: SessionPlanRef,
  ): Promise<boolean> {
    if (!this.recording) return false;
    void this.library.askPersistence();
    const runner = this.preferences.activeRunner;
    const zone = runner ? zoneForRunner(runner) : undefined;
    const planned = plannedRun(choice, this.course);
    const started = await this.recording.start({
      strap: this.primaryStrap,
      ...(before && { before }),
      ...(runner && { runner: { id: runner.id, name: runner.name } }),
      ...(zone && { zone }),
      ...(planned && { plan: planned.ref }),
      ...(planRef && { plan: planRef }),
    });
    if (started) this.#startCoach(zone, planned?.plan);
    return started;
  }

  /** A run whose DFA-a1 finds the runner's first threshold; its result waits on the profile screen. */
  async startCalibrationRun(): Promise<boolean> {
    const started = await this.startRun(undefined, { kind: 'free' }, calibrationPlanRef);
    if (started) {
      this.calibration = new CalibrationRun();
      if (this.primaryStrap) this.calibration.follow(this.primaryStrap);
      // The run must rise through the threshold: no "slow down" on the way, only plan-free coaching.
      this.#startCoach(undefined, undefined);
    }
    return started;
  }

  async finishRun(): Promise<string | undefined> {
    this.coach?.stop();
    this.coach = undefined;
    this.calibration?.finish();
    const id = await this.recording?.finish();
    this.library.changed();
    return id;
  }

  async resumeInterruptedRun(interrupted: InterruptedSession): Promise<boolean> {
    if (!this.recording) return false;
    const resumed = await this.recording.resumeInterrupted(interrupted, this.primaryStrap);
    if (resumed) {
      this.library.interrupted = undefined;
      const ref = interrupted.meta.plan;
      const planned =
        ref?.courseWeek !== undefined && ref.courseRun !== undefined
          ? plannedRun(
              {
                kind: 'course',
                week: ref.courseWeek,
                run: ref.courseRun,
                breathingBlocks: ref.planId.endsWith(BREATHING_BLOCKS_SUFFIX),
              },
              courseOfPlan(ref.planId, this.preferences.value.customCourse),
            )
          : undefined;
      this.#startCoach(interrupted.meta.zone, planned?.plan);
    }
    return resumed;
  }

  async finishInterruptedRun(interrupted: InterruptedSession): Promise<string | undefined> {
    if (!this.recording) return undefined;
    const id = await this.recording.finishInterrupted(interrupted);
    this.library.interrupted = undefined;
    this.library.changed();
    return id;
  }

  /** The runner's words after a run; for an older session, straight into its stored record. */
  async saveFeelings(
    sessionId: string,
    feelings: { after?: MoodReport; exertion?: ExertionScore; notes?: string },
  ): Promise<boolean> {
    if (this.recording?.meta?.id === sessionId) {
      await this.recording.saveFeelings(feelings);
      this.library.changed();
      return this.recording.problem === undefined;
    }
    const store = this.library.store;
    const meta = await store?.getSession(sessionId);
    if (!store || !meta) return false;
    try {
      await store.updateMeta({ ...meta, ...feelings });
      this.library.changed();
      return true;
    } catch {
      return false;
    }
  }

  /** When storage fails mid-run, the run in memory still leaves the device as a backup file. */
  async exportUnsavedRun(): Promise<void> {
    const meta = this.recording?.meta;
    if (!meta || !this.recording) return;
    await exportBackupFile([{ meta, samples: [...this.recording.state.samples] }]);
  }

  /** Makes the calibrated zone the active runner's zone. */
  useCalibratedZone(): void {
    const result = this.calibration?.result;
    const runner = this.preferences.activeRunner;
    if (!result?.ok || !runner) return;
    this.preferences.saveRunner({ ...runner, zone: result.zone });
    this.calibration = undefined;
  }

  dismissCalibration(): void {
    this.calibration = undefined;
  }

  /** The active runner's progress through their course, from history alone. */
  async courseProgress(): Promise<CourseProgress | undefined> {
    const store = this.library.store;
    if (!store) return undefined;
    const runner = this.preferences.activeRunner;
    const entries = await store.listHistory(runner ? { runnerId: runner.id } : {});
    return progressFromHistory(this.course, entries);
  }

  /** The chosen length, or the whole course when the therapist's own course is too short for it. */
  get courseLength(): CourseLength {
    return effectiveLength(this.preferences.value.course?.weeks ?? 12, this.preferences.value.customCourse);
  }

  /** The course the runner follows: the default or the therapist's own, at the chosen length. */
  get course(): Course {
    return courseOfLength(this.courseLength, this.preferences.value.customCourse);
  }

  #startCoach(zone: SessionZone | undefined, plan: RunPlan | undefined): void {
    if (!this.recording) return;
    this.coach?.stop();
    this.coach = new RunCoach(
      { zone, plan, coaching: this.preferences.coaching, locale: i18n.locale },
      this.recording,
    );
    this.coach.start(this.primaryStrap);
  }

  /**
   * Starts a breathing exercise (or the resonance finder) with the first strap, recorded as a session of kind
   * 'breathing'; call from the tap on Start. False while a run or another exercise records, here or in another tab.
   */
  async startBreathing(setup: BreathingSetup): Promise<boolean> {
    if (!this.recording || this.recording.isActive) return false;
    void this.library.askPersistence();
    const runner = this.preferences.activeRunner;
    const coaching = this.preferences.coaching;
    const cues = new BrowserBreathCues(setup.sounds, {
      locale: () => i18n.locale,
      words: () => ({ in: i18n.m.breathSpokenIn, out: i18n.m.breathSpokenOut }),
      volume: coaching.volume,
      voiceName: coaching.voiceName,
    });
    const session = new BreathingSession(setup, this.recording, {
      cues,
      onFinished: () => {
        this.library.changed();
      },
    });
    this.breathing?.dispose();
    this.breathing = session;
    return session.start(this.primaryStrap, runner ? { id: runner.id, name: runner.name } : undefined);
  }

  async finishBreathing(): Promise<string | undefined> {
    return this.breathing?.finish();
  }

  /** Lets a finished exercise go, so the breathing screen offers a new one. */
  dismissBreathing(): void {
    if (this.breathing?.state === 'running' || this.breathing?.state === 'finishing') return;
    this.breathing = undefined;
  }

  /** Keeps the finder's rate as the active runner's own pace; false when the browser would not store it. */
  saveOwnBreathingRate(ratePerMinute: number): boolean {
    return saveOwnBreathingRate(this.preferences.activeRunner?.id, ratePerMinute);
  }

  /** The strap a run records: the first one connected. */
  get primaryStrap(): StrapConnection | undefined {
    return this.straps[0];
  }

  stop(): void {
    clearInterval(this.#ticker);
    this.update.stop();
    this.coach?.stop();
    this.breathing?.dispose();
    this.recording?.dispose();
    this.library.close();
    for (const strap of this.straps) strap.dispose();
    this.straps = [];
  }

  /** What an update must wait for: a reload now would cut off the run or exercise being recorded. */
  #updateBlocker(): UpdateBlocker | undefined {
    const recording = this.recording;
    if (recording?.isActive) return recording.meta?.kind === 'breathing' ? 'exercise' : 'run';
    const breathing = this.breathing?.state;
    if (breathing === 'running' || breathing === 'finishing') return 'exercise';
    return undefined;
  }

  /** Opens Chrome's chooser, or reconnects a strap paired before when one is given. */
  async connectBluetooth(device?: BluetoothDevice): Promise<void> {
    if (!this.bluetooth) return;
    if (device && this.straps.some((strap) => strap.source.id === device.id)) return;
    await this.#add(createBluetoothStrap(this.bluetooth, device));
  }

  async connectSimulated(): Promise<void> {
    await this.#add(await createSimulatedStrap(location.search, this.straps.length));
  }

  async replay(logText: string, name: string): Promise<void> {
    await this.#add(await createReplay(logText, name));
  }

  remove(strap: StrapConnection): void {
    strap.dispose();
    this.straps = this.straps.filter((candidate) => candidate !== strap);
  }

  async #add(source: HeartRateSource): Promise<void> {
    this.connectProblem = undefined;
    const strap = new StrapConnection(source);
    this.straps = [...this.straps, strap];
    await source.connect();
    // A strap that never went live (chooser cancelled, Bluetooth off) leaves no tile: its reason shows where
    // the user tapped instead.
    if (strap.state.kind === 'lost' && !strap.wasLive) {
      this.connectProblem = strap.state;
      this.remove(strap);
    } else {
      // A strap connected during a run that had none is recorded from this moment.
      if (this.recording?.isActive && this.straps[0] === strap) {
        this.recording.attachStrap(strap);
        this.coach?.follow(strap);
        this.calibration?.follow(strap);
        if (this.breathing?.state === 'running') this.breathing.follow(strap);
      }
    }
    if (source.kind === 'bluetooth' && this.bluetooth && strap.wasLive) {
      this.pairedDevices = await findPairedStraps(this.bluetooth);
    }
  }
}
