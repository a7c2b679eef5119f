import { parsePacketLog, type PacketLogEntry } from '../../core/ble/packet-log';
import type { StrapEvent } from '../../core/strap/connection-state';
import { browserClock, type Clock, type HeartRateSource } from '../heart-rate-source';
import { StrapEventHub } from '../strap-event-hub';

export interface ReplaySourceOptions {
  /** 1 replays in real time, 4 four times as fast. */
  speed?: number;
  name?: string;
}

/**
 * Replays a recorded packet log through the real decoder, so a field problem can be seen again on a desk.
 * Never throws on a bad log: it ends in state lost, naming the line.
 */
export class ReplaySource implements HeartRateSource {
  readonly id: string;
  readonly kind = 'replay' as const;
  readonly #hub: StrapEventHub;
  readonly #clock: Clock;
  readonly #logText: string;
  readonly #speed: number;
  readonly #name: string;
  #entries: readonly PacketLogEntry[] = [];
  #nextIndex = 0;
  #startedAtMs = 0;
  #cancelTimer: (() => void) | undefined;

  constructor(logText: string, options: ReplaySourceOptions = {}, clock: Clock = browserClock) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError('speed must be a positive number');
    this.#speed = speed;
    this.#logText = logText;
    this.#name = options.name ?? 'Replayed packet log';
    this.#clock = clock;
    this.#hub = new StrapEventHub(clock);
    // The same log gets the same id, so a replay can stand in for its strap wherever ids are kept.
    this.id = `replay-${fnv1a32(logText)}`;
  }

  /** Starts the replay from its first packet; resolves at once, live or lost. */
  connect(): Promise<void> {
    if (this.#hub.state.kind === 'live') return Promise.resolve();
    const parsed = parsePacketLog(this.#logText);
    if (!parsed.ok) {
      this.#hub.setState({
        kind: 'lost',
        reason: 'packet-log-invalid',
        detail: `line ${parsed.line}: ${parsed.reason}`,
        line: parsed.line,
      });
      return Promise.resolve();
    }
    if (parsed.entries.length === 0) {
      this.#hub.setState({
        kind: 'lost',
        reason: 'packet-log-invalid',
        detail: 'the packet log holds no packets',
      });
      return Promise.resolve();
    }
    this.#entries = parsed.entries;
    this.#nextIndex = 0;
    this.#startedAtMs = this.#clock.monotonicMs();
    this.#hub.setInfo({ name: this.#name });
    this.#hub.setState({ kind: 'live' });
    this.#scheduleNext();
    return Promise.resolve();
  }

  disconnect(): void {
    this.#stop();
    if (this.#hub.state.kind !== 'idle') this.#hub.setState({ kind: 'idle' });
  }

  subscribe(listener: (event: StrapEvent) => void): () => void {
    return this.#hub.subscribe(listener);
  }

  /** Due times count from the start, not from the previous packet, so a late timer does not delay the rest. */
  #dueAtMs(entry: PacketLogEntry): number {
    return this.#startedAtMs + entry.tMs / this.#speed;
  }

  #scheduleNext(): void {
    const entry = this.#entries[this.#nextIndex];
    // A listener may have disconnected while handling the last event.
    if (!entry || this.#hub.state.kind !== 'live') return;
    this.#cancelTimer?.();
    this.#cancelTimer = this.#clock.setTimeout(
      () => {
        this.#cancelTimer = undefined;
        this.#deliverDue();
      },
      this.#dueAtMs(entry) - this.#clock.monotonicMs(),
    );
  }

  #deliverDue(): void {
    const nowMs = this.#clock.monotonicMs();
    for (
      let entry = this.#entries[this.#nextIndex];
      entry && this.#dueAtMs(entry) <= nowMs;
      entry = this.#entries[this.#nextIndex]
    ) {
      this.#nextIndex++;
      this.#hub.notify(new DataView(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength));
      // A listener may have disconnected while handling the packet.
      if (this.#hub.state.kind !== 'live') return;
    }
    if (this.#nextIndex < this.#entries.length) {
      this.#scheduleNext();
      return;
    }
    this.#stop();
    this.#hub.setState({ kind: 'lost', reason: 'replay-ended' });
  }

  #stop(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#entries = [];
    this.#nextIndex = 0;
  }
}

function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
