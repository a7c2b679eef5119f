import type {
  AudioContextLike,
  AudioNodeLike,
  AudioParamLike,
  GainLike,
  OscillatorLike,
} from '../../../../src/adapters/cues/tone-cue-output';

interface ParamEvent {
  readonly kind: 'set' | 'ramp';
  readonly value: number;
  readonly timeS: number;
}

class FakeParam implements AudioParamLike {
  readonly events: ParamEvent[] = [];

  setValueAtTime(value: number, startTime: number): void {
    this.events.push({ kind: 'set', value, timeS: startTime });
  }

  linearRampToValueAtTime(value: number, endTime: number): void {
    this.events.push({ kind: 'ramp', value, timeS: endTime });
  }
}

class FakeNode implements AudioNodeLike {
  readonly connections: AudioNodeLike[] = [];

  connect(destination: AudioNodeLike): AudioNodeLike {
    this.connections.push(destination);
    return destination;
  }

  disconnect(): void {
    this.connections.length = 0;
  }
}

export class FakeOscillator extends FakeNode implements OscillatorLike {
  type: OscillatorType = 'square';
  readonly frequency = new FakeParam();
  startS: number | undefined;
  stopS: number | undefined;

  start(when: number): void {
    this.startS = when;
  }

  stop(when: number): void {
    this.stopS = when;
  }

  addEventListener(_type: 'ended', _listener: () => void): void {
    // The fake never ends by itself.
  }
}

export class FakeGain extends FakeNode implements GainLike {
  readonly gain = new FakeParam();
}

/** One scheduled note as the test sees it: which pitch, when, and through which gain envelope. */
export interface ScheduledNote {
  readonly frequencyHz: number;
  /** Where the pitch glides to by the note's end; undefined for a steady note. */
  readonly glideToHz: number | undefined;
  readonly startS: number;
  readonly stopS: number;
  readonly type: OscillatorType;
  readonly envelope: readonly ParamEvent[];
}

export class FakeAudioContext implements AudioContextLike {
  currentTime = 10;
  state: string;
  readonly destination = new FakeNode();
  readonly oscillators: FakeOscillator[] = [];
  readonly gains: FakeGain[] = [];
  resumeCalls = 0;
  closeCalls = 0;
  /** While false, resume() waits, as Chrome's does until the page has had a tap. */
  resumeAllowed = true;
  #pendingResumes: (() => void)[] = [];

  constructor(state = 'running') {
    this.state = state;
  }

  createOscillator(): FakeOscillator {
    const oscillator = new FakeOscillator();
    this.oscillators.push(oscillator);
    return oscillator;
  }

  createGain(): FakeGain {
    const gain = new FakeGain();
    this.gains.push(gain);
    return gain;
  }

  resume(): Promise<void> {
    this.resumeCalls++;
    if (this.resumeAllowed) {
      this.state = 'running';
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#pendingResumes.push(() => {
        this.state = 'running';
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.closeCalls++;
    this.state = 'closed';
    return Promise.resolve();
  }

  /** The user taps: resumes that were waiting go through. */
  allowResume(): void {
    this.resumeAllowed = true;
    const pending = this.#pendingResumes;
    this.#pendingResumes = [];
    for (const resume of pending) resume();
  }

  /** The audible notes, in start order: each oscillator with the gain node it is connected to. */
  notes(): ScheduledNote[] {
    return this.oscillators
      .map((oscillator) => {
        const gain = oscillator.connections[0];
        if (!(gain instanceof FakeGain)) throw new Error('oscillator not connected to a gain node');
        if (!gain.connections.includes(this.destination)) throw new Error('gain not connected to the output');
        const frequency = oscillator.frequency.events[0];
        if (frequency === undefined || oscillator.startS === undefined || oscillator.stopS === undefined) {
          throw new Error('oscillator not fully scheduled');
        }
        const glide = oscillator.frequency.events.find((event) => event.kind === 'ramp');
        return {
          frequencyHz: frequency.value,
          glideToHz: glide?.value,
          startS: oscillator.startS,
          stopS: oscillator.stopS,
          type: oscillator.type,
          envelope: gain.gain.events,
        };
      })
      .filter((note) => note.envelope.some((event) => event.value > 0))
      .sort((a, b) => a.startS - b.startS);
  }
}
