import { StrapConnection } from './strap-connection.svelte';
import { Router } from './router.svelte';
import { startedMark } from './started-mark';
import type { RunRecording } from './run-recording.svelte';
import { SessionLibrary } from './session-library.svelte';
import { EraseEverything } from './erase-everything.svelte';
import { markJustErased, takeJustErased } from '../adapters/storage/erase-device-data';
import type { PreferencesState } from './preferences.svelte';
import type { RunCoach } from './run-coach.svelte';
import type { CalibrationRun } from './calibration-run.svelte';
import type { RunChoice } from './run-choice';
import { i18n } from '../i18n/i18n.svelte';
import type { RunPlan } from '../core/coaching/run-plan';
import type { Course, CourseProgress } from '../core/coaching/index';
import type { CourseLength } from './course-length';
import { lazyModule } from './lazy-module';
import type * as RunMachinery from './run-machinery';
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
import type { BreathingSession, BreathingSetup } from './breathing-session.svelte';
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
  /** Read from storage (and checked against a schema) only when a screen other than home first needs them. */
  readonly #preferences = lazyModule(async () => {
    const { PreferencesState } = await import('./preferences.svelte');
    return new PreferencesState();
  });
  /** The breathing exercise in progress or just finished, until the screen lets it go. */
  breathing = $state.raw<BreathingSession | undefined>();
  /** Set once when the app restarts after "erase everything", to say so on the home screen. */
  justErased = $state(false);
  readonly eraser = new EraseEverything({
    isRecordingHere: () => this.recording?.isActive === true,
    letGo: () => {
      this.stop();
    },
    bluetooth: this.bluetooth,
    restart: () => {
      markJustErased();
      history.replaceState(null, '', `${location.pathname}${location.search}#/`);
      location.reload();
    },
  });
  /** Loaded on demand: see run-machinery.ts. */
  readonly #runMachinery = lazyModule(() => import('./run-machinery'));
  /** A new version of the app, waiting until nothing records. */
  readonly update = new AppUpdate(
    createAppUpdateChannel(),
    () => this.#updateBlocker(),
    () => isRecordingLockHeld(),
  );
  #ticker: ReturnType<typeof setInterval> | undefined;

  /**
   * Runner profiles and settings. Home needs none of them: every other screen opens once `loadPreferences()` has
   * settled (see lazy-screens.ts), as does every method here that starts something. Reading them earlier is a bug,
   * and throws rather than quietly showing (or saving over the stored ones with) defaults.
   */
  get preferences(): PreferencesState {
    const preferences = this.#preferences.current;
    if (!preferences) throw new Error('Preferences read before loadPreferences() settled');
    return preferences;
  }

  loadPreferences(): Promise<PreferencesState> {
    return this.#preferences.load();
  }

  get bluetoothSupported(): boolean {
    return this.bluetooth !== undefined;
  }

  async start(): Promise<void> {
    this.justErased = takeJustErased();
    this.update.start();
    this.#ticker = setInterval(() => {
      this.nowMs = performance.now();
    }, 1000);
    const paired = this.bluetooth ? findPairedStraps(this.bluetooth) : Promise.resolve([]);
    await this.library.open();
    this.#createRecording();
    this.pairedDevices = await paired;
    // A User Timing mark: the moment the home screen is complete (database open, resume prompt decided, paired
    // straps listed), for the bundle bench and DevTools' performance panel alike.
    performance.mark(startedMark);
  }

  /**
   * Loads what recording needs (run-machinery.ts) and, once storage is open, makes `recording`. Screens that read
   * `recording`, `coach`, `calibration` or `breathing` open after this; the methods that start or resume a run call
   * it themselves.
   */
  async loadRunMachinery(): Promise<void> {
    await this.#machinery();
  }

  /** The machinery (and the preferences every run reads), at once when they are loaded already. */
  async #machinery(): Promise<typeof RunMachinery> {
    const [machinery] =
      this.#runMachinery.current && this.#preferences.current
        ? [this.#runMachinery.current]
        : await Promise.all([this.#runMachinery.load(), this.#preferences.load()]);
    this.#createRecording();
    return machinery;
  }

  /** Whichever comes second, the open database or the loaded recorder, makes the recording. */
  #createRecording(): void {
    const store = this.library.store;
    const machinery = this.#runMachinery.current;
    if (!this.recording && store && machinery) this.recording = new machinery.RunRecording(store);
  }

  /** Starts recording a run with the first strap, if one is connected; false when another tab records. */
  async startRun(
    before: MoodReport | undefined,
    choice: RunChoice,
    planRef?: SessionPlanRef,
  ): Promise<boolean> {
    const machinery = await this.#machinery();
    if (!this.recording) return false;
    void this.library.askPersistence();
    const runner = this.preferences.activeRunner;
    const zone = runner ? machinery.zoneForRunner(runner) : undefined;
    const planned = machinery.plannedRun(choice, this.#course(machinery));
    const started = await this.recording.start({
      strap: this.primaryStrap,
      ...(before && { before }),
      ...(runner && { runner: { id: runner.id, name: runner.name } }),
      ...(zone && { zone }),
      ...(planned && { plan: planned.ref }),
      ...(planRef && { plan: planRef }),
    });
    if (started) this.#startCoach(machinery, zone, planned?.plan);
    return started;
  }

  /** A run whose DFA-a1 finds the runner's first threshold; its result waits on the profile screen. */
  async startCalibrationRun(): Promise<boolean> {
    const started = await this.startRun(undefined, { kind: 'free' }, calibrationPlanRef);
    if (started) {
      const machinery = await this.#machinery();
      this.calibration = new machinery.CalibrationRun();
      if (this.primaryStrap) this.calibration.follow(this.primaryStrap);
      // The run must rise through the threshold: no "slow down" on the way, only plan-free coaching.
      this.#startCoach(machinery, undefined, undefined);
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
    const machinery = await this.#machinery();
    if (!this.recording) return false;
    const resumed = await this.recording.resumeInterrupted(interrupted, this.primaryStrap);
    if (resumed) {
      this.library.interrupted = undefined;
      const ref = interrupted.meta.plan;
      const planned =
        ref?.courseWeek !== undefined && ref.courseRun !== undefined
          ? machinery.plannedRun(
              {
                kind: 'course',
                week: ref.courseWeek,
                run: ref.courseRun,
                breathingBlocks: ref.planId.endsWith(machinery.BREATHING_BLOCKS_SUFFIX),
              },
              machinery.courseOfPlan(ref.planId, this.preferences.value.customCourse),
            )
          : undefined;
      this.#startCoach(machinery, interrupted.meta.zone, planned?.plan);
    }
    return resumed;
  }

  async finishInterruptedRun(interrupted: InterruptedSession): Promise<string | undefined> {
    await this.#machinery();
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
    const { exportBackupFile } = await import('./session-export');
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
    const machinery = await this.#machinery();
    const runner = this.preferences.activeRunner;
    const entries = await store.listHistory(runner ? { runnerId: runner.id } : {});
    return machinery.progressFromHistory(this.#course(machinery), entries);
  }

  /** The chosen length, or the whole course when the therapist's own course is too short for it. */
  get courseLength(): CourseLength {
    return this.preferences.courseLength;
  }

  /** The course the runner follows: the default or the therapist's own, at the chosen length. */
  #course(machinery: typeof RunMachinery): Course {
    return machinery.courseOfLength(this.courseLength, this.preferences.value.customCourse);
  }

  #startCoach(
    machinery: typeof RunMachinery,
    zone: SessionZone | undefined,
    plan: RunPlan | undefined,
  ): void {
    if (!this.recording) return;
    this.coach?.stop();
    this.coach = new machinery.RunCoach(
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
    const machinery = await this.#machinery();
    if (!this.recording || this.recording.isActive) return false;
    void this.library.askPersistence();
    const runner = this.preferences.activeRunner;
    const coaching = this.preferences.coaching;
    const cues = new machinery.BreathCues(setup.sounds, {
      locale: () => i18n.locale,
      volume: coaching.volume,
      voiceName: coaching.voiceName,
    });
    const session = new machinery.BreathingSession(setup, this.recording, {
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
