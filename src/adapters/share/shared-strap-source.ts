import type { PhaseKind } from '../../core/coaching/run-plan';
import type { PacketFrame, PresenceFrame } from '../../core/share/share-frames';
import {
  lastHeardAtMs,
  lastHeardSecondsAgo,
  MISSED_PRESENCE_LIMIT,
  PRESENCE_INTERVAL_MS,
  sharedRunnerStatus,
  type SharedRunnerHeard,
  type SharedRunnerStatus,
} from '../../core/share/share-presence';
import type { ConnectionState, StrapEvent } from '../../core/strap/connection-state';
import { browserClock, type Clock, type HeartRateSource } from '../heart-rate-source';
import { StrapEventHub } from '../strap-event-hub';

/** How often a runner not heard yet, or silent past the limit, is checked again for a change of state. */
const silenceCheckMs = 1000;

/**
 * A runner's strap shared from their own phone, on the therapist's side: one more HeartRateSource. Its packets go
 * through the same hub and decoder as a Bluetooth strap's, so the zone tracker, tile and recorder treat it like a
 * paired strap. Presence gives its info (the runner's name, battery) and its state; a runner not heard from for a
 * few presence intervals, or who stopped sharing, is 'lost' with reason 'not-sharing' (and live again when heard).
 * Fed by a ShareGroupReceiver, which owns the one group subscription.
 */
export class SharedStrapSource implements HeartRateSource {
  readonly kind = 'shared' as const;
  readonly id: string;
  readonly runnerShareId: string;
  readonly #hub: StrapEventHub;
  readonly #clock: Clock;
  readonly #heard: SharedRunnerHeard = {
    lastPresenceAtMs: undefined,
    lastPacketAtMs: undefined,
    stopped: false,
  };
  #presence: PresenceFrame | undefined;
  #following = false;
  #cancelTimer: (() => void) | undefined;
  #settleConnect: (() => void) | undefined;

  constructor(runnerShareId: string, clock: Clock = browserClock) {
    this.runnerShareId = runnerShareId;
    this.id = `shared-${runnerShareId}`;
    this.#clock = clock;
    this.#hub = new StrapEventHub(clock);
  }

  /** The runner's last presence: name, own zone, planned phase. Undefined before the first. */
  get presence(): PresenceFrame | undefined {
    return this.#presence;
  }

  get runnerName(): string | undefined {
    return this.#presence?.runnerName;
  }

  get zone(): PresenceFrame['zone'] {
    return this.#presence?.zone;
  }

  get phase(): PhaseKind | undefined {
    return this.#presence?.phase;
  }

  status(nowMs = this.#clock.monotonicMs()): SharedRunnerStatus {
    return sharedRunnerStatus(this.#heard, nowMs);
  }

  /** Whole seconds since the runner's phone was last heard, for "last heard 12 s ago". */
  lastHeardSecondsAgo(nowMs = this.#clock.monotonicMs()): number | undefined {
    return lastHeardSecondsAgo(this.#heard, nowMs);
  }

  /** Follows the runner from now on; resolves at once (their phone is already sending, or will). */
  connect(): Promise<void> {
    if (this.#following) return Promise.resolve();
    this.#following = true;
    const presence = this.#presence;
    if (presence) this.#applyInfo(presence);
    this.#updateState();
    this.#scheduleCheck();
    if (this.#hub.state.kind === 'live') return Promise.resolve();
    // Resolves at the first sign of the runner, or when the therapist lets go first.
    return new Promise((resolve) => {
      this.#settleConnect = resolve;
    });
  }

  /** The therapist stops following this runner here; the runner's phone is not told and goes on sharing. */
  disconnect(): void {
    this.#following = false;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (this.#hub.state.kind !== 'idle') this.#hub.setState({ kind: 'idle' });
    this.#resolveConnect();
  }

  subscribe(listener: (event: StrapEvent) => void): () => void {
    return this.#hub.subscribe(listener);
  }

  /** From the group receiver: one authenticated presence frame of this runner, received at monotonic `receivedAtMs`. */
  receivePresence(frame: PresenceFrame, receivedAtMs = this.#clock.monotonicMs()): void {
    this.#presence = frame;
    this.#heard.lastPresenceAtMs = receivedAtMs;
    this.#heard.stopped = !frame.sharing;
    if (!this.#following) return;
    this.#applyInfo(frame);
    this.#updateState();
  }

  #applyInfo(frame: PresenceFrame): void {
    this.#hub.updateInfo({
      name: frame.runnerName,
      ...(frame.batteryPercent !== undefined && { batteryPercent: frame.batteryPercent }),
    });
  }

  /**
   * From the group receiver: one authenticated packet frame of this runner, which reached this device at monotonic
   * `receivedAtMs` (now, unless the receiver held it back for its next batch).
   */
  receivePacket(frame: PacketFrame, receivedAtMs = this.#clock.monotonicMs()): void {
    this.#heard.lastPacketAtMs = receivedAtMs;
    if (!this.#following) return;
    // A packet means the runner's strap is live, whatever the last presence said a moment ago.
    if (this.#hub.state.kind !== 'live') this.#setState({ kind: 'live' });
    const bytes = frame.measurementBytes;
    this.#hub.notify(
      new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      frame.receivedAtWallMs,
      receivedAtMs,
    );
  }

  #updateState(): void {
    if (!this.#following) return;
    this.#setState(this.#connectionState());
  }

  #connectionState(): ConnectionState {
    if (this.#heard.lastPresenceAtMs === undefined && this.#heard.lastPacketAtMs === undefined) {
      return { kind: 'connecting' };
    }
    if (this.status() === 'not-sharing') {
      return { kind: 'lost', reason: 'not-sharing', detail: this.#heard.stopped ? 'stopped' : 'silent' };
    }
    switch (this.#presence?.strapState ?? 'live') {
      case 'live':
        return { kind: 'live' };
      case 'reconnecting':
        // The runner's phone does its own backoff; the therapist's side has no attempt of its own to count.
        return { kind: 'reconnecting', attempt: 1, nextAttemptAtMs: this.#clock.monotonicMs() };
      case 'lost':
        return { kind: 'lost', reason: 'connect-failed', detail: "the runner's strap is lost" };
      case 'idle':
      case 'connecting':
        return { kind: 'connecting' };
    }
  }

  #setState(state: ConnectionState): void {
    const current = this.#hub.state;
    if (current.kind === state.kind && (current.kind !== 'lost' || sameLost(current, state))) return;
    this.#hub.setState(state);
    if (state.kind === 'live' || state.kind === 'lost') this.#resolveConnect();
  }

  /**
   * Time alone changes one thing: a runner going silent turns 'not-sharing'. So the check waits until just after
   * the silence would reach the limit (every frame heard meanwhile moves that on), instead of looking every second:
   * with 50 runners, a few timers a second instead of 50.
   */
  #scheduleCheck(): void {
    const lastMs = lastHeardAtMs(this.#heard);
    const untilSilentMs =
      lastMs === undefined
        ? 0
        : lastMs + MISSED_PRESENCE_LIMIT * PRESENCE_INTERVAL_MS + 1 - this.#clock.monotonicMs();
    this.#cancelTimer = this.#clock.setTimeout(
      () => {
        this.#updateState();
        if (this.#following) this.#scheduleCheck();
      },
      Math.max(silenceCheckMs, untilSilentMs),
    );
  }

  #resolveConnect(): void {
    const settle = this.#settleConnect;
    this.#settleConnect = undefined;
    settle?.();
  }
}

function sameLost(a: ConnectionState, b: ConnectionState): boolean {
  return a.kind === 'lost' && b.kind === 'lost' && a.reason === b.reason && a.detail === b.detail;
}
