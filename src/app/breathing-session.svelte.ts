import * as v from 'valibot';
import { ScreenWakeLock } from '../adapters/platform/wake-lock';
import { pickVoice } from '../adapters/cues/pick-voice';
import type { CueLocale } from '../adapters/cues/cue-output';
import {
  analyseResonanceBlock,
  blockIndexAt,
  BREATHING_RATES,
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
  /** Omitted: tones, voice and vibration in the browser, as `sounds` asks. */
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
    this.#cues = options.cues ?? new BrowserBreathCues(setup.sounds);
    this.#onFinished = options.onFinished;
    this.#wakeLock = options.wakeLock === null ? undefined : (options.wakeLock ?? new ScreenWakeLock());
    this.#blockRr = this.schedule.map(() => []);
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

/** Words and volume for the browser cues; read at every phase, so a language switch applies at once. */
export interface BrowserCueContext {
  readonly locale: () => CueLocale;
  readonly words: () => Record<BreathPhase, string>;
  readonly volume: number;
  readonly voiceName?: string | undefined;
}

// A rising glide for "in" and a falling one for "out", in the middle of what a phone speaker plays well; soft
// edges so nothing clicks or startles.
const toneGlides: Record<BreathPhase, { fromHz: number; toHz: number }> = {
  in: { fromHz: 330, toHz: 392 },
  out: { fromHz: 392, toHz: 330 },
};
const toneS = 0.7;
const toneAttackS = 0.12;
const toneReleaseS = 0.35;
const maxToneGain = 0.35;
// One pulse for in, two for out: told apart in a pocket without looking.
const vibrationPatterns: Record<BreathPhase, number[]> = { in: [60], out: [40, 120, 40] };
const unlistedVoiceLang: Record<CueLocale, string> = { nl: 'nl-NL', en: 'en-US' };

/** Soft tones, the spoken word and vibration at each phase, as far as the browser allows. Never throws. */
export class BrowserBreathCues implements BreathCueOutput {
  readonly #sounds: BreathingSounds;
  #context: BrowserCueContext | undefined;
  #audio: AudioContext | undefined;

  constructor(sounds: BreathingSounds, context?: BrowserCueContext) {
    this.#sounds = sounds;
    this.#context = context;
  }

  /** Words and volume, given once the app knows them. */
  useContext(context: BrowserCueContext): void {
    this.#context = context;
  }

  unlock(): void {
    if (!this.#sounds.tones || typeof globalThis.AudioContext !== 'function') return;
    try {
      this.#audio ??= new AudioContext();
      void this.#audio.resume().catch(() => undefined);
    } catch {
      this.#audio = undefined;
    }
  }

  play(phase: BreathPhase): void {
    if (this.#sounds.tones) this.#tone(phase);
    if (this.#sounds.voice) this.#say(phase);
    if (this.#sounds.vibration) this.#vibrate(phase);
  }

  stop(): void {
    try {
      if (this.#sounds.voice) globalThis.speechSynthesis.cancel();
    } catch {
      // Nothing to silence.
    }
    void this.#audio?.close().catch(() => undefined);
    this.#audio = undefined;
  }

  #tone(phase: BreathPhase): void {
    const audio = this.#audio;
    if (!audio || audio.state !== 'running') return;
    try {
      const volume = Math.min(1, Math.max(0, this.#context?.volume ?? 0.8));
      const glide = toneGlides[phase];
      const start = audio.currentTime + 0.02;
      const end = start + toneS;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.setValueAtTime(glide.fromHz, start);
      oscillator.frequency.linearRampToValueAtTime(glide.toHz, end);
      gain.gain.setValueAtTime(0, start);
      gain.gain.linearRampToValueAtTime(maxToneGain * volume, start + toneAttackS);
      gain.gain.setValueAtTime(maxToneGain * volume, end - toneReleaseS);
      gain.gain.linearRampToValueAtTime(0, end);
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.addEventListener('ended', () => {
        oscillator.disconnect();
        gain.disconnect();
      });
      oscillator.start(start);
      oscillator.stop(end);
    } catch {
      // Audio refused or closed: the pacer still shows every breath.
    }
  }

  #say(phase: BreathPhase): void {
    const context = this.#context;
    if (!context || typeof globalThis.SpeechSynthesisUtterance !== 'function') return;
    try {
      const synthesis = globalThis.speechSynthesis;
      const locale = context.locale();
      const utterance = new SpeechSynthesisUtterance(context.words()[phase]);
      const voices = synthesis.getVoices();
      const picked = pickVoice(voices, locale, context.voiceName);
      const voice = voices.find((candidate) => candidate === picked);
      if (voice) utterance.voice = voice;
      utterance.lang = voice?.lang ?? unlistedVoiceLang[locale];
      utterance.volume = Math.min(1, Math.max(0, context.volume));
      // Slow and calm: the word is the start of a breath, not an instruction.
      utterance.rate = 0.8;
      // A word still waiting from the last phase is stale now.
      synthesis.cancel();
      synthesis.speak(utterance);
    } catch {
      // No voice: tones or the screen carry the rhythm.
    }
  }

  #vibrate(phase: BreathPhase): void {
    const nav = globalThis.navigator as Partial<Navigator> | undefined;
    const vibrate = nav?.vibrate;
    if (typeof vibrate !== 'function') return;
    try {
      vibrate.call(nav, vibrationPatterns[phase]);
    } catch {
      // A browser that refuses: the breath is still shown.
    }
  }
}

/**
 * The runner's own pace from the resonance finder, kept per runner ('' for no runner) under its own key in
 * localStorage, read through a schema (a damaged value is dropped, never thrown). Kept apart from the preferences
 * record so the two never overwrite each other.
 */
const ownPaceKey = 'calm-run.breathing-pace';
const runnerKeySchema = v.pipe(v.string(), v.maxLength(128));
const ownRateSchema = v.picklist([...BREATHING_RATES]);

/** Keeps every entry whose runner key and rate are valid; anything else reads as "no pace yet". */
export function readOwnBreathingRates(text: string | null): Record<string, number> {
  if (text === null) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    // fromEntries defines own properties, so a "__proto__" key stays a harmless entry.
    return Object.fromEntries(
      Object.entries(value).filter(
        ([runner, rate]) => v.is(runnerKeySchema, runner) && v.is(ownRateSchema, rate),
      ) as [string, number][],
    );
  } catch {
    return {};
  }
}

export function loadOwnBreathingRate(runnerId: string | undefined): number | undefined {
  try {
    return readOwnBreathingRates(localStorage.getItem(ownPaceKey))[runnerId ?? ''];
  } catch {
    return undefined;
  }
}

/** Saves the runner's own pace; false when the browser would not store it. */
export function saveOwnBreathingRate(runnerId: string | undefined, ratePerMinute: number): boolean {
  try {
    const rates = readOwnBreathingRates(localStorage.getItem(ownPaceKey));
    rates[runnerId ?? ''] = ratePerMinute;
    localStorage.setItem(ownPaceKey, JSON.stringify(rates));
    return true;
  } catch {
    return false;
  }
}
