import { Router } from './router.svelte';
import { startedMark } from './started-mark';
import { SecondTicker } from './second-ticker';
import { SessionLibrary } from './session-library.svelte';
import { EraseEverything } from './erase-everything.svelte';
import { markJustErased, takeJustErased } from '../adapters/storage/erase-device-data';
import type { PreferencesState } from './preferences.svelte';
import type { RunChoice } from './run-choice';
import { i18n } from '../i18n/i18n.svelte';
import type { Course, CourseProgress } from '../core/coaching/index';
import type { CourseLength } from './course-length';
import { lazyModule } from './lazy-module';
import type * as RunMachinery from './run-machinery';
import { webBluetooth } from './strap-sources';
import { StrapRoster } from './strap-roster.svelte';
import type { StrapConnection } from './strap-connection.svelte';
import type {
  MoodReport,
  RunFeelings,
  RunnerRef,
  SessionMeta,
  SessionPlanRef,
} from '../core/session/session-model';
import type { InterruptedSession } from '../adapters/storage/session-storage';
import type { BreathingSession, BreathingSetup } from './breathing-session.svelte';
import type { RestingCheck, RestingCheckSetup } from './resting-check.svelte';
import { AppUpdate, type UpdateBlocker } from './app-update.svelte';
import { createAppUpdateChannel } from '../adapters/service-worker/app-update-channel';
import { isRecordingLockHeld } from '../adapters/platform/web-locks';
import type { RunGroup } from './run-group.svelte';
import type { RecordingProblem, RunRecording } from './run-recording.svelte';
import type { RunnerRun, RunnerRunSetup } from './runner-run.svelte';
import type { RunnerProfile } from '../core/zones/runner-profile';
import type { GroupSetup } from './group-setup.svelte';
import type { ClientsState } from './clients.svelte';
import type { AttentionAlert } from '../adapters/cues/attention-alert';
import type { ShareInvitation } from '../core/share/share-invitation';
import type { ShareServerSettings } from '../core/share/new-share-invitation';
import type { LiveShareRunner } from './live-share-runner.svelte';
import type { LiveShareHost, SharedRunner } from './live-share-host.svelte';

const calibrationPlanRef: SessionPlanRef = { planId: 'calibration', name: 'DFA-a1 calibration' };

/** One runner of a group about to start: their profile, their strap if paired, and how they feel. */
export interface GroupRunner {
  runner: RunnerProfile;
  strap: StrapConnection | undefined;
  before: MoodReport | undefined;
}

/**
 * The app's wiring: the strap roster, the runs being recorded (a solo run is a group of one), the breathing
 * exercise, storage and the update. The runs themselves live in RunnerRun and RunGroup.
 */
export class AppState {
  /** Monotonic time, ticking once a second, for "last beat 12 s ago". */
  nowMs = $state(performance.now());
  readonly bluetooth = webBluetooth();
  readonly roster = new StrapRoster(this.bluetooth);
  readonly router = new Router();
  readonly library = new SessionLibrary();
  /** The runs recorded together, active or just finished (kept for their summary until the next start). */
  group = $state.raw<RunGroup | undefined>();
  /** Why the last start did not happen: another tab records. */
  startProblem = $state<'held-elsewhere' | undefined>();
  /** The group the therapist is putting together, until it starts. */
  groupSetup = $state.raw<GroupSetup | undefined>();
  /** The breathing exercise in progress or just finished, until the screen lets it go. */
  breathing = $state.raw<BreathingSession | undefined>();
  /** What records the breathing exercise: its session, its summary and coherence timeline once finished. */
  breathingRecording = $state.raw<RunRecording | undefined>();
  /** The resting HRV check in progress or just finished, until the screen lets it go. */
  resting = $state.raw<RestingCheck | undefined>();
  /** What records the resting check. */
  restingRecording = $state.raw<RunRecording | undefined>();
  /** Set once when the app restarts after "erase everything", to say so on the home screen. */
  justErased = $state(false);
  /** True once the run machinery and storage are both ready: a run can start. */
  canRecord = $state(false);
  /**
   * The live share of the solo run recorded here (from the invitation the runner agreed to), from the run's start
   * until it ends; stopped with one tap, it stays (state 'off') so the run screen says so.
   */
  liveShareRunner = $state.raw<LiveShareRunner | undefined>();
  /** The therapist's live-share group, while open. */
  liveShareHost = $state.raw<LiveShareHost | undefined>();
  /** Read from storage (and checked against a schema) only when a screen other than home first needs them. */
  readonly #preferences = lazyModule(async () => {
    const { PreferencesState } = await import('./preferences.svelte');
    return new PreferencesState();
  });
  /** The therapist's clients (profiles joined with their records), read when a screen first needs them. */
  readonly #clients = lazyModule(async () => {
    const [{ ClientsState }, preferences] = await Promise.all([
      import('./clients.svelte'),
      this.#preferences.load(),
    ]);
    const clients = new ClientsState(preferences);
    await clients.load();
    return clients;
  });
  readonly eraser = new EraseEverything({
    isRecordingHere: () => this.isRecording,
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
  /** The one-second clock of the screen and of every run's coach and recording (one timer task for all). */
  readonly #secondTicker = new SecondTicker();
  #stopClock: (() => void) | undefined;
  #attentionAlert: AttentionAlert | undefined;

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

  /** The clients, once `loadClients()` has settled (the client screens and the profile open after it). */
  get clients(): ClientsState {
    const clients = this.#clients.current;
    if (!clients) throw new Error('Clients read before loadClients() settled');
    return clients;
  }

  /** Loads the clients and the preferences they join; a database that will not open is said on screen, not thrown. */
  loadClients(): Promise<ClientsState> {
    return this.#clients.load();
  }

  get bluetoothSupported(): boolean {
    return this.bluetooth !== undefined;
  }

  /** The connected straps, for the screens that list them. */
  get straps(): StrapConnection[] {
    return this.roster.straps;
  }

  /** The run of a solo run (a group of one), active or just finished. */
  get soloRun(): RunnerRun | undefined {
    return this.group?.solo;
  }

  /** A supervised group run, active or just finished. */
  get groupRun(): RunGroup | undefined {
    return this.group?.supervised === true ? this.group : undefined;
  }

  /** Whether this tab records now: a run, a group run, a breathing exercise or a resting check. */
  get isRecording(): boolean {
    return (
      this.group?.isActive === true ||
      this.breathingRecording?.isActive === true ||
      this.restingRecording?.isActive === true
    );
  }

  /** A storage failure of any run being recorded (or of the exercise): the run goes on in memory. */
  get recordingProblem(): RecordingProblem | undefined {
    for (const run of this.group?.runs ?? []) if (run.recording.problem) return run.recording.problem;
    return this.breathingRecording?.problem ?? this.restingRecording?.problem;
  }

  async start(): Promise<void> {
    this.justErased = takeJustErased();
    this.update.start();
    this.#stopClock = this.#secondTicker.add(() => {
      this.nowMs = performance.now();
    });
    const paired = this.roster.loadPairedDevices();
    await this.library.open();
    this.#updateCanRecord();
    await paired;
    // A User Timing mark: the moment the home screen is complete (database open, resume prompt decided, paired
    // straps listed), for the bundle bench and DevTools' performance panel alike.
    performance.mark(startedMark);
  }

  /**
   * Loads what recording needs (run-machinery.ts) and the preferences. Screens that read the runs or the breathing
   * session open after this; the methods that start or resume a run call it themselves.
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
    this.#updateCanRecord();
    return machinery;
  }

  #updateCanRecord(): void {
    this.canRecord = this.library.store !== undefined && this.#runMachinery.current !== undefined;
  }

  // ---- Straps --------------------------------------------------------------------------------------------------

  /** Opens Chrome's chooser, or reconnects a strap paired before when one is given. */
  async connectBluetooth(device?: BluetoothDevice): Promise<void> {
    this.#strapForSoloUse(await this.roster.connectBluetooth(device));
  }

  async connectSimulated(): Promise<void> {
    this.#strapForSoloUse(await this.roster.connectSimulated(location.search));
  }

  async replay(logText: string, name: string): Promise<void> {
    this.#strapForSoloUse(await this.roster.replay(logText, name));
  }

  remove(strap: StrapConnection): void {
    this.roster.remove(strap);
  }

  /** A strap connected during a solo run or exercise that had none is recorded from this moment. */
  #strapForSoloUse(strap: StrapConnection | undefined): void {
    if (!strap || this.roster.straps[0] !== strap) return;
    const solo = this.soloRun;
    if (solo?.isActive && !solo.strap) {
      solo.attach(strap);
      this.liveShareRunner?.follow(strap);
    }
    if (this.breathing?.state === 'running') this.breathing.follow(strap);
  }

  // ---- The solo run --------------------------------------------------------------------------------------------

  /** Starts a solo run with the first strap, if one is connected; false when another tab records. */
  async startRun(
    before: MoodReport | undefined,
    choice: RunChoice,
    planRef?: SessionPlanRef,
  ): Promise<boolean> {
    const machinery = await this.#machinery();
    const store = this.library.store;
    if (!store || this.isRecording) return false;
    void this.library.askPersistence();
    const runner = this.preferences.activeRunner;
    const planned = machinery.plannedRun(choice, this.#course(machinery));
    const run = new machinery.RunnerRun(store, {
      ...this.#runSetup(machinery, runner, false),
      plan: planned?.plan,
      planRef: planRef ?? planned?.ref,
      before,
    });
    const group = new machinery.RunGroup([run], { supervised: false, ticker: this.#secondTicker });
    const firstStrap = this.roster.straps[0];
    const started = await this.#startGroup(group, () => firstStrap);
    if (started) void this.#shareSoloRun();
    return started;
  }

  /** A run whose DFA-a1 finds the runner's first threshold; its result waits on the profile screen. */
  async startCalibrationRun(): Promise<boolean> {
    const started = await this.startRun(undefined, { kind: 'free' }, calibrationPlanRef);
    // The run must rise through the threshold: no "slow down" on the way, only plan-free coaching.
    if (started) this.soloRun?.startCalibration();
    return started;
  }

  /** The calibration of the last solo run, while its result waits to be used or dismissed. */
  get calibration(): RunnerRun['calibration'] {
    return this.soloRun?.calibration;
  }

  /** Ends the solo run; returns its session id. */
  async finishRun(): Promise<string | undefined> {
    const solo = this.soloRun;
    if (!solo || !this.group) return undefined;
    await this.group.finishAll();
    this.library.changed();
    // Sharing ends with the run; the next run shares anew while the runner keeps the invitation.
    await this.#endSharing();
    return solo.sessionId;
  }

  /** The runner's words after a run; for an older session, straight into its stored record. */
  async saveFeelings(sessionId: string, feelings: RunFeelings): Promise<boolean> {
    const run = this.group?.runs.find((candidate) => candidate.sessionId === sessionId);
    if (run) {
      await run.saveFeelings(feelings);
      this.library.changed();
      return run.recording.problem === undefined;
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

  /** When storage fails mid-run, the runs in memory still leave the device as a backup file. */
  async exportUnsavedRun(): Promise<void> {
    const sessions = (this.group?.runs ?? []).flatMap((run) => {
      const meta = run.recording.meta;
      return meta && run.recording.problem !== undefined
        ? [{ meta, samples: [...run.recording.state.samples] }]
        : [];
    });
    if (sessions.length === 0) return;
    const { exportBackupFile } = await import('./session-export');
    await exportBackupFile(sessions);
  }

  /** Makes the calibrated zone the active runner's zone. */
  useCalibratedZone(): void {
    const result = this.calibration?.result;
    const runner = this.preferences.activeRunner;
    if (!result?.ok || !runner) return;
    this.preferences.saveRunner({ ...runner, zone: result.zone });
    this.dismissCalibration();
  }

  dismissCalibration(): void {
    this.soloRun?.dismissCalibration();
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

  // ---- Interrupted runs ----------------------------------------------------------------------------------------

  /**
   * Carries on every run a reload or crash interrupted: a solo run with the first strap, a group with each
   * runner's own strap, reconnected without the chooser where the device remembers it.
   */
  async resumeInterruptedRuns(found: readonly InterruptedSession[]): Promise<boolean> {
    const machinery = await this.#machinery();
    const store = this.library.store;
    if (!store || this.isRecording || found.length === 0) return false;
    // Storage finds them newest first: the tiles stand again in the group's own order.
    const interrupted = [...found].sort(
      (a, b) =>
        (a.meta.group?.place ?? 0) - (b.meta.group?.place ?? 0) ||
        a.meta.startedAtWallMs - b.meta.startedAtWallMs,
    );
    const supervised = interrupted.length > 1 || interrupted[0]?.meta.group !== undefined;
    const runs = interrupted.map(
      (session) =>
        new machinery.RunnerRun(store, {
          ...this.#runSetup(machinery, runnerOf(session.meta), supervised),
          zone: session.meta.zone,
          plan: this.#planOf(machinery, session.meta.plan),
          planRef: session.meta.plan,
          before: session.meta.before,
          group: session.meta.group,
        }),
    );
    const group = new machinery.RunGroup(runs, {
      supervised,
      ticker: this.#secondTicker,
      onRaised: (run) => {
        this.#raiseAlert(run);
      },
    });
    if (!(await group.continueAfterReload())) {
      this.startProblem = group.problem === 'held-elsewhere' ? 'held-elsewhere' : undefined;
      return false;
    }
    const resumed = await Promise.all(
      runs.map((run, index) => {
        const session = interrupted[index];
        return session
          ? run.resumeAfterReload(session, supervised ? undefined : this.roster.straps[0])
          : Promise.resolve(false);
      }),
    );
    if (!resumed.some(Boolean)) {
      group.dispose();
      return false;
    }
    this.#replaceGroup(group);
    this.library.settled(interrupted);
    // The runner agreed to share their runs: a reload mid-run carries the share on with the run.
    if (supervised) void this.#reconnectRunnersStraps(group);
    else void this.#shareSoloRun();
    return true;
  }

  /** Ends interrupted runs where their records stop; returns their session ids. */
  async finishInterruptedRuns(interrupted: readonly InterruptedSession[]): Promise<string[]> {
    const machinery = await this.#machinery();
    const store = this.library.store;
    if (!store) return [];
    const ids: string[] = [];
    for (const session of interrupted) {
      const recording = new machinery.RunRecording(store, { lockScope: 'session' });
      ids.push(await recording.finishInterrupted(session));
    }
    this.library.settled(interrupted);
    this.library.changed();
    return ids;
  }

  #planOf(machinery: typeof RunMachinery, ref: SessionPlanRef | undefined) {
    if (ref?.courseWeek === undefined || ref.courseRun === undefined) return undefined;
    return machinery.plannedRun(
      {
        kind: 'course',
        week: ref.courseWeek,
        run: ref.courseRun,
        breathingBlocks: ref.planId.endsWith(machinery.BREATHING_BLOCKS_SUFFIX),
      },
      machinery.courseOfPlan(ref.planId, this.preferences.value.customCourse),
    )?.plan;
  }

  // ---- The supervised group run --------------------------------------------------------------------------------

  /** Opens (or returns to) putting a group together. */
  async openGroupSetup(): Promise<GroupSetup> {
    const machinery = await this.#machinery();
    this.groupSetup ??= new machinery.GroupSetup(this.roster, this.preferences);
    return this.groupSetup;
  }

  /** Eight simulated runners with their own names, zones and straps: the whole group run with no hardware. */
  async trySimulatedGroup(): Promise<void> {
    const setup = await this.openGroupSetup();
    await setup.addSimulatedGroup(location.search);
  }

  /** Starts every runner's run of the group, each with their own strap and zone; false when another tab records. */
  async startGroupRun(runners: readonly GroupRunner[], choice: RunChoice): Promise<boolean> {
    const machinery = await this.#machinery();
    const store = this.library.store;
    // With a live-share group open, the run may start with only runners sharing from their own phones to come.
    const sharedOnly = runners.length === 0 && this.liveShareHost !== undefined;
    if (!store || this.isRecording || (runners.length === 0 && !sharedOnly)) return false;
    void this.library.askPersistence();
    this.#alert().unlock();
    const groupRef = { groupId: crypto.randomUUID(), size: runners.length };
    const course = this.#course(machinery);
    const runs = runners.map(({ runner, before }, place) => {
      const planned = machinery.plannedRun(choice, course);
      const run = new machinery.RunnerRun(store, {
        ...this.#runSetup(machinery, runner, true),
        plan: planned?.plan,
        planRef: planned?.ref,
        before,
        group: { ...groupRef, place },
      });
      return run;
    });
    const group = new machinery.RunGroup(runs, {
      supervised: true,
      ticker: this.#secondTicker,
      awaitsJoiners: sharedOnly,
      onRaised: (run) => {
        this.#raiseAlert(run);
      },
    });
    const started = await this.#startGroup(group, (run) => runners[runs.indexOf(run)]?.strap);
    if (started) {
      this.groupSetup = undefined;
      for (const shared of this.liveShareHost?.runners ?? []) await this.#joinSharedRunner(shared);
    }
    return started;
  }

  /** Ends one runner's run (someone stops early); the others go on. */
  async finishRunnerRun(run: RunnerRun): Promise<void> {
    await this.group?.finishOne(run);
    this.library.changed();
  }

  /** Ends every run of the group still going. */
  async finishGroupRun(): Promise<void> {
    await this.group?.finishAll();
    this.library.changed();
  }

  /** Connects a strap to a runner whose run has none (or lost it for good): theirs without the chooser if known. */
  async connectStrapForRun(run: RunnerRun): Promise<void> {
    const machinery = await this.#machinery();
    const runnerId = run.runner?.id;
    const device = runnerId ? machinery.rememberedDevice(runnerId, this.roster.pairedDevices) : undefined;
    const strap = await this.roster.connectBluetooth(device);
    if (!strap) return;
    if (runnerId) machinery.rememberStrapOwner(strap.source.id, runnerId);
    run.attach(strap);
  }

  /** Plays the therapist's alert, as a raised tile would: the settings' test button. */
  async testGroupAlert(): Promise<void> {
    await this.#machinery();
    this.#alert().play();
  }

  #raiseAlert(_run: RunnerRun): void {
    if (this.preferences.coaching.groupAlerts) this.#alert().play();
  }

  #alert(): AttentionAlert {
    const machinery = this.#runMachinery.current;
    this.#attentionAlert ??= machinery ? new machinery.AttentionAlert() : undefined;
    if (!this.#attentionAlert) throw new Error('The attention alert needs the run machinery loaded');
    this.#attentionAlert.setVolume(this.preferences.coaching.volume);
    return this.#attentionAlert;
  }

  async #reconnectRunnersStraps(group: RunGroup): Promise<void> {
    const machinery = await this.#machinery();
    for (const run of group.runs) {
      const runnerId = run.runner?.id;
      const device = runnerId ? machinery.rememberedDevice(runnerId, this.roster.pairedDevices) : undefined;
      if (!device) continue;
      const strap = await this.roster.connectBluetooth(device);
      // The therapist may have ended this runner's run while the strap connected.
      if (strap && run.isActive) run.attach(strap);
    }
  }

  // ---- Live share ----------------------------------------------------------------------------------------------

  /** The runner's one tap: this run's share stops at once (the run screen says so); the recording goes on. */
  async stopSharing(): Promise<void> {
    await this.liveShareRunner?.stop();
  }

  async #endSharing(): Promise<void> {
    const share = this.liveShareRunner;
    this.liveShareRunner = undefined;
    await share?.stop();
  }

  /** Shares the solo run that just started, when the runner agreed to an invitation (live-share code loaded now). */
  async #shareSoloRun(): Promise<void> {
    const solo = this.soloRun;
    // Asked again after each wait: the run may have ended (or another share begun) meanwhile.
    const unshared = () =>
      solo !== undefined && this.soloRun === solo && solo.isActive && !this.liveShareRunner;
    if (!unshared()) return;
    const { acceptedShareRunner } = await import('./live-share-runner.svelte');
    const share = acceptedShareRunner();
    if (!share || !solo || !unshared()) return;
    await share.shareRun(solo, this.preferences.activeRunner?.name ?? '');
    if (unshared()) this.liveShareRunner = share;
    else await share.stop();
  }

  /**
   * The therapist invites runners: a new share group (its id and key made in LiveShareHost.open) whose invitation
   * the group screen shows; each runner who shares joins the group run (now, or when it starts) with their own
   * tile, zone and recording.
   */
  async openLiveShare(settings: ShareServerSettings): Promise<ShareInvitation> {
    await this.closeLiveShare();
    const { LiveShareHost } = await import('./live-share-host.svelte');
    const host = await LiveShareHost.open(settings, {
      onRunner: (runner) => {
        void this.#joinSharedRunner(runner);
      },
    });
    this.liveShareHost = host;
    return host.invitation;
  }

  async closeLiveShare(): Promise<void> {
    const host = this.liveShareHost;
    this.liveShareHost = undefined;
    await host?.close();
  }

  /** A shared runner joins the supervised group run going on (see LiveShareHost.joinGroupRun). */
  async #joinSharedRunner(shared: SharedRunner): Promise<void> {
    const group = this.groupRun;
    const host = this.liveShareHost;
    if (!group?.isActive || !host) return;
    const machinery = await this.#machinery();
    const store = this.library.store;
    if (!store) return;
    await host.joinGroupRun(group, shared, this.preferences.value.runners, (runner, changes) => {
      return new machinery.RunnerRun(store, { ...this.#runSetup(machinery, runner, true), ...changes });
    });
  }

  // ---- Runs in general -----------------------------------------------------------------------------------------

  #runSetup(
    machinery: typeof RunMachinery,
    runner: RunnerProfile | { id: string; name: string } | undefined,
    supervised: boolean,
  ): RunnerRunSetup {
    const zone = runner && 'maxHrSource' in runner ? machinery.zoneForRunner(runner) : undefined;
    return {
      runner: runner && { id: runner.id, name: runner.name },
      zone,
      plan: undefined,
      planRef: undefined,
      before: undefined,
      group: undefined,
      coaching: this.preferences.coaching,
      locale: () => i18n.locale,
      silentCues: supervised,
      lockScope: 'session',
      ticker: this.#secondTicker,
    };
  }

  async #startGroup(
    group: RunGroup,
    strapOf: (run: RunnerRun) => StrapConnection | undefined,
  ): Promise<boolean> {
    this.startProblem = undefined;
    if (!(await group.start(strapOf))) {
      this.startProblem = group.problem === 'held-elsewhere' ? 'held-elsewhere' : undefined;
      group.dispose();
      return false;
    }
    this.#replaceGroup(group);
    return true;
  }

  #replaceGroup(group: RunGroup): void {
    this.group?.dispose();
    this.group = group;
  }

  // ---- Breathing -----------------------------------------------------------------------------------------------

  /**
   * Starts a breathing exercise (or the resonance finder) with the first strap, recorded as a session of kind
   * 'breathing'; call from the tap on Start. False while a run or another exercise records, here or in another tab.
   */
  async startBreathing(setup: BreathingSetup): Promise<boolean> {
    const machinery = await this.#machinery();
    const store = this.library.store;
    if (!store || this.isRecording) return false;
    void this.library.askPersistence();
    const runner = this.preferences.activeRunner;
    const coaching = this.preferences.coaching;
    const cues = new machinery.BreathCues(setup.sounds, {
      locale: () => i18n.locale,
      volume: coaching.volume,
      voiceName: coaching.voiceName,
    });
    const recording = new machinery.RunRecording(store);
    const session = new machinery.BreathingSession(setup, recording, {
      cues,
      onFinished: () => {
        this.library.changed();
      },
    });
    this.breathing?.dispose();
    this.breathing = session;
    this.breathingRecording = recording;
    return session.start(this.roster.straps[0], runner ? { id: runner.id, name: runner.name } : undefined);
  }

  async finishBreathing(): Promise<string | undefined> {
    return this.breathing?.finish();
  }

  /** Lets a finished exercise go, so the breathing screen offers a new one. */
  dismissBreathing(): void {
    if (this.breathing?.state === 'running' || this.breathing?.state === 'finishing') return;
    this.breathing = undefined;
    this.breathingRecording = undefined;
  }

  // ---- The resting check ------------------------------------------------------------------------------------------

  /**
   * Starts a resting HRV check with the first strap, recorded as a session of kind 'resting' for `runner` (none:
   * kept without a profile); call from the tap on Start. False while anything else records, here or elsewhere.
   */
  async startRestingCheck(setup: RestingCheckSetup, runner: RunnerRef | undefined): Promise<boolean> {
    const machinery = await this.#machinery();
    const store = this.library.store;
    if (!store || this.isRecording) return false;
    void this.library.askPersistence();
    const recording = new machinery.RunRecording(store);
    const check = new machinery.RestingCheck(setup, recording, {
      discardSession: async (id) => {
        await store.deleteSession(id);
        this.library.changed();
      },
      onFinished: () => {
        this.library.changed();
      },
    });
    this.resting?.dispose();
    this.resting = check;
    this.restingRecording = recording;
    return check.start(this.roster.straps[0], runner);
  }

  /** Stops the check early; what was recorded of it is removed. */
  async discardRestingCheck(): Promise<void> {
    await this.resting?.discard();
  }

  /** Lets a finished (or discarded) check go, so the screen offers a new one. */
  dismissRestingCheck(): void {
    const state = this.resting?.state;
    if (state === 'running' || state === 'finishing' || state === 'discarding') return;
    this.resting = undefined;
    this.restingRecording = undefined;
  }

  stop(): void {
    void this.#endSharing();
    void this.closeLiveShare();
    this.#stopClock?.();
    this.#stopClock = undefined;
    this.update.stop();
    this.group?.dispose();
    this.breathing?.dispose();
    this.resting?.dispose();
    this.library.close();
    this.#clients.current?.close();
    this.roster.disposeAll();
  }

  /** What an update must wait for: a reload now would cut off the run or exercise being recorded. */
  #updateBlocker(): UpdateBlocker | undefined {
    if (this.group?.isActive) return 'run';
    const breathing = this.breathing?.state;
    if (this.breathingRecording?.isActive || breathing === 'running' || breathing === 'finishing')
      return 'exercise';
    const resting = this.resting?.state;
    if (this.restingRecording?.isActive || resting === 'finishing' || resting === 'discarding')
      return 'resting-check';
    return undefined;
  }
}

function runnerOf(meta: SessionMeta): { id: string; name: string } | undefined {
  return meta.runnerId !== undefined ? { id: meta.runnerId, name: meta.runnerName ?? '' } : undefined;
}
