import type { ShareLink, ShareLinkState } from '../../../src/adapters/share/share-link';

/** One message as published: subject and sealed bytes. */
export interface PublishedMessage {
  subject: string;
  payload: Uint8Array;
}

/**
 * An in-memory ShareLink: what one side publishes while connected reaches every subscriber of a matching subject
 * (NATS wildcards `*` and `>`), synchronously, at most once; while not connected a publish is dropped, as the
 * real link drops it. Tests move it between states with setState().
 */
export class FakeShareLink implements ShareLink {
  state: ShareLinkState;
  readonly published: PublishedMessage[] = [];
  readonly #stateListeners = new Set<(state: ShareLinkState) => void>();
  readonly #subscriptions = new Set<{ subject: string; onMessage: (s: string, p: Uint8Array) => void }>();

  constructor(state: ShareLinkState = 'connected') {
    this.state = state;
  }

  setState(state: ShareLinkState): void {
    this.state = state;
    for (const listener of this.#stateListeners) listener(state);
  }

  onState(listener: (state: ShareLinkState) => void): () => void {
    this.#stateListeners.add(listener);
    listener(this.state);
    return () => this.#stateListeners.delete(listener);
  }

  publish(subject: string, payload: Uint8Array): boolean {
    if (this.state !== 'connected') return false;
    this.published.push({ subject, payload });
    this.deliver(subject, payload);
    return true;
  }

  /** Hands a message to the subscribers as the server would, whoever sent it. */
  deliver(subject: string, payload: Uint8Array): void {
    for (const subscription of this.#subscriptions) {
      if (subjectMatches(subscription.subject, subject)) subscription.onMessage(subject, payload);
    }
  }

  subscribe(subject: string, onMessage: (subject: string, payload: Uint8Array) => void): () => void {
    const subscription = { subject, onMessage };
    this.#subscriptions.add(subscription);
    return () => this.#subscriptions.delete(subscription);
  }

  get subscriptionCount(): number {
    return this.#subscriptions.size;
  }

  close(): Promise<void> {
    this.setState('closed');
    return Promise.resolve();
  }
}

function subjectMatches(pattern: string, subject: string): boolean {
  const patternTokens = pattern.split('.');
  const subjectTokens = subject.split('.');
  for (let i = 0; i < patternTokens.length; i++) {
    const token = patternTokens[i];
    if (token === '>') return subjectTokens.length > i;
    if (i >= subjectTokens.length) return false;
    if (token !== '*' && token !== subjectTokens[i]) return false;
  }
  return patternTokens.length === subjectTokens.length;
}
