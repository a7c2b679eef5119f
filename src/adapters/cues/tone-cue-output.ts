import { breathTonePatterns } from './breath-cue';
import type { CueOutput, CueSettings } from './cue-output';
import { isBreathCue, type PlayableCue } from './playable-cue';
import { tonePatterns, type ToneNote } from './tone-patterns';

/** The part of AudioParam this needs. */
export interface AudioParamLike {
  setValueAtTime(value: number, startTime: number): unknown;
  linearRampToValueAtTime(value: number, endTime: number): unknown;
}

export interface AudioNodeLike {
  connect(destination: AudioNodeLike): unknown;
}

export interface OscillatorLike extends AudioNodeLike {
  type: OscillatorType;
  readonly frequency: AudioParamLike;
  start(when: number): void;
  stop(when: number): void;
  disconnect(): void;
  addEventListener(type: 'ended', listener: () => void): void;
}

export interface GainLike extends AudioNodeLike {
  readonly gain: AudioParamLike;
  disconnect(): void;
}

/** The part of AudioContext this needs. */
export interface AudioContextLike {
  readonly currentTime: number;
  /** A plain string: Safari adds 'interrupted' (a phone call) to the standard states. */
  readonly state: string;
  readonly destination: AudioNodeLike;
  createOscillator(): OscillatorLike;
  createGain(): GainLike;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export interface ToneCueOutputOptions {
  /** Read at every cue, for the volume. */
  readonly settings: () => CueSettings;
  /** Omitted: the browser's AudioContext; null: a browser without Web Audio. */
  readonly createContext?: (() => AudioContextLike) | null | undefined;
}

/** The loudest a note gets at volume 1: a single sine at full scale, less a little headroom against clipping. */
export const maxToneGain = 0.8;
// 15 ms up and 60 ms down: long enough that no edge clicks, short enough that each note stays a clear beep.
export const toneAttackS = 0.015;
export const toneReleaseS = 0.06;
// Scheduling slightly ahead keeps the first attack from starting in the past while the audio thread catches up.
const scheduleAheadS = 0.03;
const gapBetweenPatternsS = 0.15;

function defaultCreateContext(): (() => AudioContextLike) | undefined {
  if (typeof globalThis.AudioContext !== 'function') return undefined;
  return () => new AudioContext();
}

function notesOf(cue: PlayableCue): readonly ToneNote[] {
  return isBreathCue(cue) ? breathTonePatterns[cue.id] : tonePatterns[cue.id];
}

function isRunning(context: AudioContextLike): boolean {
  return context.state === 'running';
}

/**
 * Plays cues as soft sine-tone patterns through Web Audio. Browsers keep audio suspended until the page has had a
 * tap, so unlock() belongs in the handler of one (starting a run, the test button). Never throws.
 */
export class ToneCueOutput implements CueOutput {
  readonly #settings: () => CueSettings;
  readonly #createContext: (() => AudioContextLike) | undefined;
  #context: AudioContextLike | undefined;
  // Context time at which the last scheduled pattern ends, so two cues in quick succession do not overlap.
  #busyUntilS = 0;
  #latestPlay = 0;

  constructor(options: ToneCueOutputOptions) {
    this.#settings = options.settings;
    this.#createContext =
      options.createContext === null ? undefined : (options.createContext ?? defaultCreateContext());
  }

  get supported(): boolean {
    return this.#createContext !== undefined;
  }

  /** Creates and resumes the audio context; call it from a tap or click handler. */
  unlock(): void {
    const context = this.#ensureContext();
    if (context === undefined) return;
    if (!isRunning(context)) void this.#resume(context);
    // iOS Safari opens the audio output only for a sound started within the gesture: a silent blip does it.
    this.#schedule(context, [{ frequencyHz: 440, startS: 0, durationS: 0.02 }], 0);
  }

  async play(cue: PlayableCue): Promise<void> {
    // Created here too if unlock() was missed: after any earlier tap on the page the browser lets it run.
    const context = this.#ensureContext();
    if (context === undefined) return;
    const thisPlay = ++this.#latestPlay;
    if (!isRunning(context)) {
      await this.#resume(context);
      // Resuming can wait for the next tap; by then only the newest cue is worth playing.
      if (thisPlay !== this.#latestPlay || !isRunning(context)) return;
    }
    const volume = this.#settings().volume;
    if (volume > 0) this.#schedule(context, notesOf(cue), volume);
  }

  /** Lets the audio hardware go (browsers allow only a few contexts at once); a later cue makes a new one. */
  close(): void {
    const context = this.#context;
    this.#context = undefined;
    this.#latestPlay++;
    if (context === undefined || context.state === 'closed') return;
    try {
      void context.close().catch(() => undefined);
    } catch {
      // Already closing.
    }
  }

  #schedule(context: AudioContextLike, notes: readonly ToneNote[], volume: number): void {
    try {
      const startS = Math.max(context.currentTime + scheduleAheadS, this.#busyUntilS);
      let endS = startS;
      for (const note of notes) {
        const noteStartS = startS + note.startS;
        const noteEndS = noteStartS + note.durationS;
        const peak = maxToneGain * volume * (note.loudness ?? 1);
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'sine';
        oscillator.frequency.setValueAtTime(note.frequencyHz, noteStartS);
        if (note.glideToHz !== undefined)
          oscillator.frequency.linearRampToValueAtTime(note.glideToHz, noteEndS);
        // From silence to the peak and back to silence: a tone that starts or stops at a non-zero level clicks.
        gain.gain.setValueAtTime(0, noteStartS);
        gain.gain.linearRampToValueAtTime(peak, noteStartS + (note.attackS ?? toneAttackS));
        gain.gain.setValueAtTime(peak, noteEndS - (note.releaseS ?? toneReleaseS));
        gain.gain.linearRampToValueAtTime(0, noteEndS);
        oscillator.connect(gain);
        gain.connect(context.destination);
        oscillator.addEventListener('ended', () => {
          oscillator.disconnect();
          gain.disconnect();
        });
        oscillator.start(noteStartS);
        oscillator.stop(noteEndS);
        endS = Math.max(endS, noteEndS);
      }
      this.#busyUntilS = endS + gapBetweenPatternsS;
    } catch {
      // A context closed underneath us (Safari after a long interruption): the next cue makes a new one.
      this.#context = undefined;
    }
  }

  #ensureContext(): AudioContextLike | undefined {
    if (this.#context !== undefined && this.#context.state !== 'closed') return this.#context;
    if (this.#createContext === undefined) return undefined;
    try {
      this.#context = this.#createContext();
      this.#busyUntilS = 0;
      return this.#context;
    } catch {
      // Too many contexts, or audio blocked by policy: no tones, everything else still works.
      return undefined;
    }
  }

  async #resume(context: AudioContextLike): Promise<void> {
    try {
      await context.resume();
    } catch {
      // Not allowed yet; a later tap can try again.
    }
  }
}
