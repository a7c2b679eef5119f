import type { VoiceLike } from '../../../../src/adapters/cues/pick-voice';
import type { SpeechSynthesisLike, UtteranceLike } from '../../../../src/adapters/cues/speech-cue-output';

export function voice(name: string, lang: string, localService = true, isDefault = false): VoiceLike {
  return { name, lang, localService, default: isDefault };
}

export class FakeUtterance implements UtteranceLike {
  lang = '';
  voice: VoiceLike | null = null;
  volume = 1;
  rate = 1;
  pitch = 1;
  readonly #listeners = new Map<string, ((event: Event) => void)[]>();

  constructor(public text: string) {}

  addEventListener(type: 'start' | 'end' | 'error', listener: (event: Event) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  emit(type: 'start' | 'end' | 'error', error?: string): void {
    const event = error === undefined ? new Event(type) : Object.assign(new Event(type), { error });
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }
}

/** speechSynthesis as Chrome behaves: a queue whose head is speaking; cancel() interrupts all of it. */
export class FakeSpeechSynthesis implements SpeechSynthesisLike {
  /** Every utterance handed to speak(), in order. */
  readonly spoken: FakeUtterance[] = [];
  /** The engine's queue: the first one is being spoken. */
  queue: FakeUtterance[] = [];
  maxQueueLength = 0;
  cancelCount = 0;
  #voices: VoiceLike[];
  readonly #voicesListeners = new Set<() => void>();

  constructor(voices: VoiceLike[] = []) {
    this.#voices = voices;
  }

  get speaking(): boolean {
    return this.queue.length > 0;
  }

  get pending(): boolean {
    return this.queue.length > 1;
  }

  get spokenTexts(): string[] {
    return this.spoken.map((utterance) => utterance.text);
  }

  getVoices(): readonly VoiceLike[] {
    return this.#voices;
  }

  speak(utterance: UtteranceLike): void {
    if (!(utterance instanceof FakeUtterance)) throw new TypeError('not an utterance');
    this.spoken.push(utterance);
    this.queue.push(utterance);
    this.maxQueueLength = Math.max(this.maxQueueLength, this.queue.length);
    if (this.queue.length === 1) utterance.emit('start');
  }

  cancel(): void {
    this.cancelCount++;
    const [speaking, ...waiting] = this.queue;
    this.queue = [];
    speaking?.emit('error', 'interrupted');
    for (const utterance of waiting) utterance.emit('error', 'canceled');
  }

  /** The utterance being spoken comes to its end; the next in the engine's queue starts. */
  finishCurrent(): void {
    const done = this.queue.shift();
    done?.emit('end');
    this.queue[0]?.emit('start');
  }

  /** The engine gives up on the utterance being spoken (a network voice while offline). */
  failCurrent(error: string): void {
    const failed = this.queue.shift();
    failed?.emit('error', error);
  }

  /** The engine forgets an utterance without telling anyone, as Chrome sometimes does. */
  dropCurrentSilently(): void {
    this.queue.shift();
  }

  setVoices(voices: VoiceLike[]): void {
    this.#voices = voices;
    for (const listener of this.#voicesListeners) listener();
  }

  addEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.#voicesListeners.add(listener);
  }

  removeEventListener(_type: 'voiceschanged', listener: () => void): void {
    this.#voicesListeners.delete(listener);
  }
}

export const createFakeUtterance = (text: string): FakeUtterance => new FakeUtterance(text);
