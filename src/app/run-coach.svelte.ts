import { CuePlayer } from '../adapters/cues/cue-player';
import type { CueLocale } from '../adapters/cues/cue-output';
import type { CoachingPreferences } from '../adapters/storage/preferences-store';
import { ScreenWakeLock } from '../adapters/platform/wake-lock';
import { HiddenTimeTracker } from '../adapters/platform/page-visibility';
import { inNextTask } from '../adapters/platform/next-task';
import { CueDecider, type Cue } from '../core/coaching/index';
import { phaseAt, type PhasePosition, type RunPlan } from '../core/coaching/run-plan';
import type { SessionZone } from '../core/session/session-model';
import { activeMsAt } from '../core/session/session-summary';
import type { StrapEvent } from '../core/strap/connection-state';
import { ZoneTracker, type ZoneState, type ZoneTimes } from '../core/zones/zone-tracker';
import { heartRateTrend, TREND_WINDOW_MS, type HeartRateTrend } from '../core/group/heart-rate-trend';
import type { RunRecording } from './run-recording.svelte';
import { SecondTicker } from './second-ticker';
import type { StrapConnection } from './strap-connection.svelte';

const tickMs = 1000;
/**
 * On a hidden page a packet brings the tick when the timer has not for this long (by the wall clock, which runs on
 * where performance.now() may stall on a sleeping phone), and the timer skips a tick a packet has just brought:
 * ticks stay about a second apart, as the trend counts them. A timer that runs late and then early (a busy page)
 * still ticks each time.
 */
const packetTickAfterMs = 900;
const timerTickAfterMs = 500;

export interface CoachSetup {
  zone: SessionZone | undefined;
  plan: RunPlan | undefined;
  coaching: CoachingPreferences;
  locale: CueLocale;
  /**
   * In a group run the runners' cues are decided and recorded as they would have been given, but not played: eight
   * voices from the therapist's phone help nobody.
   */
  silent?: boolean;
  /** The clock the coach decides by once a second, shared with the other runs and the screen; else its own. */
  ticker?: SecondTicker;
}

/**
 * Keeps the runner in the zone during a run: the strap's heart rate goes through the zone tracker, the cue decider
 * says what to say once a second (at the timer, or on a hidden page at a packet if that comes first), and the cue
 * player makes it heard. Every spoken cue is also recorded.
 */
export class RunCoach {
  zoneState = $state<ZoneState>('no-reading');
  smoothedHrBpm = $state<number | null>(null);
  position = $state.raw<PhasePosition | undefined>();
  lastCue = $state.raw<Cue | undefined>();
  /** Time below, in and above the zone so far, as the tracker counts it (the one definition of time in zone). */
  zoneTimes = $state.raw<ZoneTimes | undefined>();
  trend = $state<HeartRateTrend | undefined>();
  /** How long the page was hidden, shown once when the runner looks again. */
  awayMs = $state<number | undefined>();
  readonly zone: SessionZone | undefined;
  readonly plan: RunPlan | undefined;
  readonly player: CuePlayer;
  readonly #tracker: ZoneTracker | undefined;
  readonly #decider: CueDecider | undefined;
  readonly #recording: RunRecording;
  readonly #wakeLock = new ScreenWakeLock();
  readonly #hidden: HiddenTimeTracker;
  readonly #ticker: SecondTicker;
  #stopTicking: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #silent: boolean;
  /** The smoothed heart rate at each tick of the trend's window, oldest first. */
  readonly #recentSmoothedBpm: (number | null)[] = [];
  #lastTickAtWallMs = Number.NEGATIVE_INFINITY;
  #tickQueued = false;

  constructor(setup: CoachSetup, recording: RunRecording) {
    this.#silent = setup.silent === true;
    this.#ticker = setup.ticker ?? new SecondTicker(tickMs);
    this.zone = setup.zone;
    this.plan = setup.plan;
    this.#recording = recording;
    const { coaching } = setup;
    this.player = new CuePlayer({
      settings: {
        voice: coaching.voice,
        tones: coaching.tones,
        vibration: coaching.vibration,
        volume: coaching.volume,
        locale: setup.locale,
        ...(coaching.voiceName !== undefined && { voiceName: coaching.voiceName }),
      },
    });
    // Without a zone (no profile yet) the coach still announces the plan and strap contact: by feel.
    const zone = setup.zone ?? { lowBpm: 0, highBpm: 0, method: 'by-feel' as const };
    // The session's own grace when it has one (a run resumed after a reload), so its time in zone is counted as it
    // was before; else the setting, which the recording keeps with the session.
    const graceMs = zone.graceMs ?? coaching.graceSeconds * 1000;
    this.#tracker = new ZoneTracker(zone, { graceMs });
    this.#decider = new CueDecider(zone, {
      lowSideCues: coaching.lowSideCues,
      graceMs,
      statusEveryMs: coaching.statusEveryMinutes > 0 ? coaching.statusEveryMinutes * 60_000 : null,
    });
    this.#hidden = new HiddenTimeTracker({
      onVisibleAgain: (hiddenMs) => {
        this.awayMs = hiddenMs;
        void this.#wakeLock.start();
      },
    });
  }

  /** Starts coaching; call from the tap that starts the run, so audio and vibration are allowed. */
  start(strap: StrapConnection | undefined): void {
    if (!this.#silent) this.player.unlock();
    if (strap) this.follow(strap);
    void this.#wakeLock.start();
    this.#hidden.start();
    this.#stopTicking?.();
    this.#stopTicking = this.#ticker.add(() => {
      this.#tickIfDue(timerTickAfterMs);
    });
  }

  follow(strap: StrapConnection): void {
    this.#unsubscribe?.();
    this.#unsubscribe = strap.source.subscribe(this.#onStrapEvent);
  }

  stop(): void {
    this.#stopTicking?.();
    this.#stopTicking = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    void this.#wakeLock.stop();
    this.#hidden.stop();
    this.player.stop();
    this.player.dispose();
  }

  dismissAway(): void {
    this.awayMs = undefined;
  }

  readonly #onStrapEvent = (event: StrapEvent): void => {
    if (event.type !== 'measurement' || !this.#tracker) return;
    // While paused the zone does not count, as the recording does not.
    if (this.#recording.meta?.status !== 'recording') return;
    // On the run's own clock, which goes on while performance.now() stands still on a sleeping phone: the grace, the
    // cap of cues a minute and the plan's phases are then counted in the runner's time, not the stalled clock's. The
    // recording has taken this packet's reading first (it follows the strap before the coach).
    const measurement = event.measurement;
    const snapshot = this.#tracker.updateFromStrap({
      ...measurement,
      receivedAtMs: this.#recording.runMsAt(measurement.receivedAtMs),
    });
    this.zoneState = snapshot.state;
    this.smoothedHrBpm = snapshot.smoothedHrBpm;
    // Hidden (a phone in a pocket), the page's timers may run once a minute: the strap's packets, once a second,
    // then bring the ticks, so "slow down" is not a minute late. Visible, the timer is on time and this costs
    // nothing. The tick's work (cues, the zone's times, the trend) comes after the packet's number is shown.
    if (this.#stopTicking && this.#hidden.hidden && this.#tickDue(packetTickAfterMs) && !this.#tickQueued) {
      this.#tickQueued = true;
      inNextTask(() => {
        this.#tickQueued = false;
        if (this.#stopTicking) this.#tickIfDue(packetTickAfterMs);
      });
    }
  };

  /** The run paused at `nowMs`: paused time counts nowhere, as in the recorder. */
  pauseAt(nowMs: number): void {
    this.#tracker?.pauseAt(this.#recording.runMsAt(nowMs));
  }

  /** The run goes on: the tracker starts afresh instead of calling the pause a lost strap. */
  resumeAt(nowMs: number): void {
    this.#tracker?.resumeAt(this.#recording.runMsAt(nowMs));
  }

  #tickDue(afterMs: number): boolean {
    const sinceMs = Date.now() - this.#lastTickAtWallMs;
    // A wall clock set back counts as due: a tick too many, never none.
    return sinceMs >= afterMs || sinceMs < 0;
  }

  #tickIfDue(afterMs: number): void {
    if (!this.#tickDue(afterMs)) return;
    this.#lastTickAtWallMs = Date.now();
    this.#tick();
  }

  #tick(): void {
    const meta = this.#recording.meta;
    if (!meta || meta.status !== 'recording' || !this.#tracker || !this.#decider) return;
    const nowMs = this.#recording.runMsNow();
    const activeElapsedMs = activeMsAt(meta.events, nowMs);
    const position = this.plan ? phaseAt(this.plan, activeElapsedMs) : undefined;
    this.position = position;
    const tracker = this.#tracker.tick(nowMs);
    this.zoneState = tracker.state;
    this.smoothedHrBpm = tracker.smoothedHrBpm;
    this.zoneTimes = tracker.times;
    this.#recentSmoothedBpm.push(tracker.smoothedHrBpm);
    if (this.#recentSmoothedBpm.length > TREND_WINDOW_MS / tickMs + 1) this.#recentSmoothedBpm.shift();
    this.trend = heartRateTrend(
      this.#recentSmoothedBpm.length > TREND_WINDOW_MS / tickMs ? this.#recentSmoothedBpm[0] : undefined,
      tracker.smoothedHrBpm,
    );
    const cues = this.#decider.decide({
      nowMs,
      tracker,
      activeElapsedMs,
      ...(position && { plan: position }),
    });
    for (const cue of cues) {
      if (!this.#silent) this.player.play(cue);
      this.#recording.cue(cue.id);
      this.lastCue = cue;
    }
  }
}
