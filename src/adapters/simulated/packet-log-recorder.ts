import { bytesToHex } from '../../core/ble/hex';
import { formatPacketLogLine, maxPacketLogEntries } from '../../core/ble/packet-log';
import type { HeartRateSource } from '../heart-rate-source';

interface RecordedPacket {
  receivedAtMs: number;
  bytes: Uint8Array;
}

/**
 * Records every raw notification of a strap as a packet log, for diagnostics and replay. Memory stays bounded on a
 * run of any length: past the cap the oldest packets go, and the recorder says so.
 */
export class PacketLogRecorder {
  readonly #maxEntries: number;
  /** A ring buffer: once full, #oldestIndex marks where the oldest packet sits. */
  readonly #packets: RecordedPacket[] = [];
  #oldestIndex = 0;
  #droppedCount = 0;
  #unsubscribe: (() => void) | undefined;

  constructor(source: HeartRateSource, options: { maxEntries?: number } = {}) {
    const maxEntries = options.maxEntries ?? maxPacketLogEntries;
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError('maxEntries must be at least 1');
    this.#maxEntries = maxEntries;
    this.#unsubscribe = source.subscribe((event) => {
      if (event.type === 'packet')
        this.#record({ receivedAtMs: event.receivedAtMs, bytes: event.bytes.slice() });
    });
  }

  get entryCount(): number {
    return this.#packets.length;
  }

  /** How many of the oldest packets were dropped to stay within the cap. */
  get droppedCount(): number {
    return this.#droppedCount;
  }

  get truncated(): boolean {
    return this.#droppedCount > 0;
  }

  /** Stops recording; what was recorded stays available. */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /**
   * The log as JSON lines, one per packet, each line ending in a newline. Times count from the first packet kept,
   * so a truncated log replays from its start without waiting through the packets it no longer holds.
   */
  toText(): string {
    const ordered = [...this.#packets.slice(this.#oldestIndex), ...this.#packets.slice(0, this.#oldestIndex)];
    const firstMs = ordered[0]?.receivedAtMs ?? 0;
    return ordered
      .map((packet) => `${formatPacketLogLine(packet.receivedAtMs - firstMs, bytesToHex(packet.bytes))}\n`)
      .join('');
  }

  #record(packet: RecordedPacket): void {
    if (this.#packets.length < this.#maxEntries) {
      this.#packets.push(packet);
      return;
    }
    this.#packets[this.#oldestIndex] = packet;
    this.#oldestIndex = (this.#oldestIndex + 1) % this.#maxEntries;
    this.#droppedCount++;
  }
}
