/** Where the link to the practice's NATS server stands, as the screens show it. */
export type ShareLinkState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** Where a link stands and how to let it go: what the therapist's screens follow. */
export interface ShareLinkStatus {
  readonly state: ShareLinkState;
  /** Every state from now on, starting with the current one; returns the unsubscribe function. */
  onState(listener: (state: ShareLinkState) => void): () => void;
  /** Lets the connection go for good. */
  close(): Promise<void>;
}

/**
 * The live-share transport: core publish/subscribe of opaque bytes, at most once, with no backlog. The NATS
 * implementation is nats-link.ts; unit tests use a fake.
 */
export interface ShareLink extends ShareLinkStatus {
  /**
   * Sends now or never: while not connected the message is dropped (false), never queued to arrive late. Never
   * throws.
   */
  publish(subject: string, payload: Uint8Array): boolean;
  /** Messages on `subject` (wildcards allowed) from now on, also after reconnects; returns the unsubscribe. */
  subscribe(subject: string, onMessage: (subject: string, payload: Uint8Array) => void): () => void;
}
