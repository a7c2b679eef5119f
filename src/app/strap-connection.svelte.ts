import type { SensorContact } from '../core/ble/heart-rate-measurement';
import type { StrapMeasurement } from '../core/ble/strap-measurement';
import type { ConnectionState, StrapEvent, StrapInfo } from '../core/strap/connection-state';
import { RecentHeartRate } from '../core/strap/recent-heart-rate';
import type { HeartRateSource } from '../adapters/heart-rate-source';
import { PacketLogRecorder } from '../adapters/simulated/packet-log-recorder';

const chartWindowMs = 5 * 60_000;
const lastRrShown = 6;

/** One strap as the screens see it: its connection, its latest values and its diagnostics. */
export class StrapConnection {
  readonly source: HeartRateSource;
  state = $state.raw<ConnectionState>({ kind: 'idle' });
  info = $state.raw<StrapInfo | undefined>();
  heartRateBpm = $state<number | null>(null);
  sensorContact = $state<SensorContact | undefined>();
  rrCount = $state(0);
  lastRrMs = $state.raw<number[]>([]);
  lastBeatAtMs = $state<number | undefined>();
  malformedCount = $state(0);
  lastMalformedReason = $state<string | undefined>();
  /**
   * Bumped on every measurement: the chart then draws at the next frame, straight from `recentHeartRate`, without
   * its points ever being copied into reactive state.
   */
  chartRevision = $state(0);
  packetLogCount = $state<number | undefined>();
  wasLive = $state(false);
  readonly recentHeartRate = new RecentHeartRate(chartWindowMs);
  readonly #unsubscribe: () => void;
  #packetLog: PacketLogRecorder | undefined;

  constructor(source: HeartRateSource) {
    this.source = source;
    this.#unsubscribe = source.subscribe(this.#onEvent);
  }

  get isRecordingPacketLog(): boolean {
    return this.packetLogCount !== undefined;
  }

  startPacketLog(): void {
    this.#packetLog?.stop();
    this.#packetLog = new PacketLogRecorder(this.source);
    this.packetLogCount = 0;
  }

  /** Stops recording and returns the log as JSON lines. */
  stopPacketLog(): string {
    const text = this.#packetLog?.toText() ?? '';
    this.#packetLog?.stop();
    this.#packetLog = undefined;
    this.packetLogCount = undefined;
    return text;
  }

  /**
   * Stops recording and hands the log over as a file (share sheet or download), for replaying on another device.
   * Call it straight from the click, to keep the user activation that sharing needs.
   */
  async savePacketLog(): Promise<void> {
    const text = this.stopPacketLog();
    const savedAtWallMs = Date.now();
    const [{ shareOrDownload }, { packetLogFileName }] = await Promise.all([
      import('../adapters/files/share-or-download'),
      import('../adapters/files/export-file-names'),
    ]);
    await shareOrDownload({
      name: packetLogFileName(savedAtWallMs),
      mimeType: 'application/jsonl',
      data: text,
    });
  }

  dispose(): void {
    this.#packetLog?.stop();
    this.#unsubscribe();
    this.source.disconnect();
  }

  readonly #onEvent = (event: StrapEvent): void => {
    switch (event.type) {
      case 'state':
        this.state = event.state;
        if (event.state.kind === 'live') this.wasLive = true;
        break;
      case 'info':
        this.info = event.info;
        break;
      case 'measurement':
        this.#onMeasurement(event.measurement);
        break;
      case 'malformed':
        this.malformedCount++;
        this.lastMalformedReason = event.reason;
        break;
      case 'packet':
        if (this.packetLogCount !== undefined) this.packetLogCount++;
        break;
    }
  };

  #onMeasurement(measurement: StrapMeasurement): void {
    this.heartRateBpm = measurement.heartRateBpm;
    this.sensorContact = measurement.sensorContact;
    if (measurement.heartRateBpm !== null) this.lastBeatAtMs = measurement.receivedAtMs;
    if (measurement.rrIntervalsMs.length > 0) {
      this.rrCount += measurement.rrIntervalsMs.length;
      this.lastRrMs = newestOf(this.lastRrMs, measurement.rrIntervalsMs, lastRrShown);
    }
    this.recentHeartRate.push(measurement.receivedAtMs, measurement.heartRateBpm);
    this.chartRevision++;
  }
}

/** The last `count` values of `kept` followed by `added`, in one new array (the screen shows a new value). */
function newestOf(kept: readonly number[], added: readonly number[], count: number): number[] {
  const total = kept.length + added.length;
  const newest: number[] = [];
  for (let i = Math.max(0, total - count); i < total; i++) {
    newest.push(i < kept.length ? (kept[i] ?? 0) : (added[i - kept.length] ?? 0));
  }
  return newest;
}
