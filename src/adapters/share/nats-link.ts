import type { ConnectionOptions, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { ShareLink, ShareLinkState } from './share-link';

/** How a client connects: `wsconnect` in the browser; Node tests pass `connect` from @nats-io/transport-node. */
export type NatsConnector = (options: ConnectionOptions) => Promise<NatsConnection>;

export interface NatsLinkOptions {
  /** The practice's server, `wss://…` (or `nats://` with a Node connector in tests). */
  serverUrl: string;
  user?: string;
  password?: string;
  /** Shown in the server's connection list: the role, never a person's name. */
  name?: string;
  /** Defaults to the browser's `wsconnect`, loaded on first use. */
  connect?: NatsConnector;
}

/**
 * Reconnect waits grow with the outage: half the time away so far, from 250 ms up to 8 s (so tries come at about
 * 1.5× the time before: exponential backoff), each with up to ±25 % jitter so a group does not knock in step.
 * Measured from the outage's start rather than counted per call, because the client asks before every wait,
 * including the short waits it makes between attempts.
 */
const firstReconnectWaitMs = 250;
const longestReconnectWaitMs = 8000;
const jitterShare = 0.25;
/** How long closing waits for the server to take what was sent last. */
const closeFlushLimitMs = 1000;

/** wsconnect, imported on first use only: the first screen's bundle never carries the NATS client. */
const browserConnector: NatsConnector = async (options) => {
  const { wsconnect } = await import('@nats-io/nats-core');
  return wsconnect(options);
};

/**
 * Opens a link to the practice's NATS server and returns at once: it connects in the background, keeps trying
 * until the first connection succeeds, and reconnects for ever with backoff after a network loss or a server
 * restart. Subscriptions made before it is connected start once it is.
 */
export function openNatsLink(options: NatsLinkOptions): ShareLink {
  return new NatsLink(options);
}

class NatsLink implements ShareLink {
  #state: ShareLinkState = 'connecting';
  #connection: NatsConnection | undefined;
  #closed = false;
  /** Date.now() when the current outage began; undefined while connected. */
  #outageStartMs: number | undefined = Date.now();
  readonly #stateListeners = new Set<(state: ShareLinkState) => void>();
  readonly #pendingSubscriptions = new Set<PendingSubscription>();

  constructor(options: NatsLinkOptions) {
    void this.#connect(options);
  }

  get state(): ShareLinkState {
    return this.#state;
  }

  onState(listener: (state: ShareLinkState) => void): () => void {
    this.#stateListeners.add(listener);
    listener(this.#state);
    return () => this.#stateListeners.delete(listener);
  }

  publish(subject: string, payload: Uint8Array): boolean {
    const connection = this.#connection;
    if (this.#state !== 'connected' || !connection) return false;
    try {
      connection.publish(subject, payload);
      return true;
    } catch {
      return false;
    }
  }

  subscribe(subject: string, onMessage: (subject: string, payload: Uint8Array) => void): () => void {
    const pending: PendingSubscription = { subject, onMessage, subscription: undefined };
    this.#pendingSubscriptions.add(pending);
    if (this.#connection) this.#start(this.#connection, pending);
    return () => {
      this.#pendingSubscriptions.delete(pending);
      pending.subscription?.unsubscribe();
    };
  }

  /** Sends what was published (a last presence) if connected, waiting at most a second, then closes. */
  async close(): Promise<void> {
    const connection = this.#connection;
    const wasConnected = this.#state === 'connected';
    this.#closed = true;
    this.#setState('closed');
    if (!connection || connection.isClosed()) return;
    if (wasConnected) {
      let cancel: (() => void) | undefined;
      const giveUp = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, closeFlushLimitMs);
        cancel = () => {
          clearTimeout(timer);
        };
      });
      await Promise.race([connection.flush().catch(() => undefined), giveUp]);
      cancel?.();
    }
    await connection.close().catch(() => undefined);
  }

  async #connect(options: NatsLinkOptions): Promise<void> {
    const connect = options.connect ?? browserConnector;
    let connection: NatsConnection;
    try {
      connection = await connect({
        servers: options.serverUrl,
        ...(options.user !== undefined && { user: options.user }),
        ...(options.password !== undefined && { pass: options.password }),
        ...(options.name !== undefined && { name: options.name }),
        // Keep trying until the server answers the first time (a runner may start before the practice's Wi-Fi),
        // and for ever after that.
        waitOnFirstConnect: true,
        maxReconnectAttempts: -1,
        reconnectDelayHandler: () => this.#nextWaitMs(),
      });
    } catch {
      this.#setState('closed');
      return;
    }
    if (this.#closed) {
      await connection.close().catch(() => undefined);
      return;
    }
    this.#connection = connection;
    this.#outageStartMs = undefined;
    for (const pending of this.#pendingSubscriptions) this.#start(connection, pending);
    this.#setState('connected');
    void this.#followStatus(connection);
    void connection.closed().then(() => {
      this.#setState('closed');
    });
  }

  async #followStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (this.#closed) return;
      switch (status.type) {
        case 'disconnect':
        case 'reconnecting':
          this.#setState('reconnecting');
          break;
        case 'reconnect':
          this.#outageStartMs = undefined;
          this.#setState('connected');
          break;
        case 'close':
          this.#setState('closed');
          return;
        default:
          break;
      }
    }
  }

  #start(connection: NatsConnection, pending: PendingSubscription): void {
    if (pending.subscription) return;
    try {
      pending.subscription = connection.subscribe(pending.subject, {
        callback: (error, message) => {
          if (!error) pending.onMessage(message.subject, message.data);
        },
      });
    } catch {
      // A closed connection: nothing will arrive, and the state says so.
    }
  }

  #nextWaitMs(): number {
    const nowMs = Date.now();
    this.#outageStartMs ??= nowMs;
    const awayMs = nowMs - this.#outageStartMs;
    const baseMs = Math.min(longestReconnectWaitMs, Math.max(firstReconnectWaitMs, awayMs / 2));
    return Math.round(baseMs * (1 - jitterShare + 2 * jitterShare * Math.random()));
  }

  #setState(state: ShareLinkState): void {
    if (this.#state === state) return;
    // Once closed by the user, a late status from the connection changes nothing.
    if (this.#state === 'closed' && this.#closed) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}

interface PendingSubscription {
  subject: string;
  onMessage: (subject: string, payload: Uint8Array) => void;
  subscription: Subscription | undefined;
}
