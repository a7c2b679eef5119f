import { describe, expect, it, vi } from 'vitest';
import type { ConnectionOptions, NatsConnection, Status } from '@nats-io/nats-core';
import { openNatsLink } from '../../../../src/adapters/share/nats-link';
import type { ShareLinkState } from '../../../../src/adapters/share/share-link';

/** Just enough of a NATS connection: what the link calls, with status events the test pushes. */
function fakeConnection() {
  const published: { subject: string; payload: Uint8Array }[] = [];
  const subscriptions: {
    subject: string;
    deliver: (subject: string, data: Uint8Array) => void;
    open: boolean;
  }[] = [];
  const statusQueue: Status[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  let resolveClosed: () => void = () => undefined;
  const closedPromise = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const connection = {
    publish: (subject: string, payload: Uint8Array) => {
      published.push({ subject, payload });
    },
    subscribe: (
      subject: string,
      options: { callback: (error: Error | null, message: { subject: string; data: Uint8Array }) => void },
    ) => {
      const subscription = {
        subject,
        open: true,
        deliver: (messageSubject: string, data: Uint8Array) => {
          options.callback(null, { subject: messageSubject, data });
        },
      };
      subscriptions.push(subscription);
      return {
        unsubscribe: () => {
          subscription.open = false;
        },
      };
    },
    status: async function* () {
      while (!closed) {
        const next = statusQueue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    closed: () => closedPromise,
    isClosed: () => closed,
    flush: () => Promise.resolve(),
    close: () => {
      closed = true;
      wake?.();
      resolveClosed();
      return Promise.resolve();
    },
  };
  const pushStatus = (status: Status) => {
    statusQueue.push(status);
    wake?.();
  };
  return { connection: connection as unknown as NatsConnection, published, subscriptions, pushStatus };
}

function connector() {
  const fake = fakeConnection();
  let connect: () => void = () => undefined;
  const options: ConnectionOptions[] = [];
  const connectFn = (given: ConnectionOptions) => {
    options.push(given);
    return new Promise<NatsConnection>((resolve) => {
      connect = () => {
        resolve(fake.connection);
      };
    });
  };
  return { fake, connectFn, options, connect: () => connect() };
}

describe('openNatsLink', () => {
  it('asks to wait for the first connection, reconnect for ever with its own backoff, and log in', () => {
    const { connectFn, options } = connector();
    openNatsLink({ serverUrl: 'wss://nats.example', user: 'runner', password: 'pw', connect: connectFn });
    expect(options[0]).toMatchObject({
      servers: 'wss://nats.example',
      user: 'runner',
      pass: 'pw',
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
    });
    const wait = options[0]?.reconnectDelayHandler;
    expect(wait?.()).toBeGreaterThanOrEqual(187);
    expect(wait?.()).toBeLessThanOrEqual(313);
  });

  it('drops what is published before it is connected and while it reconnects, never queuing it', async () => {
    const { fake, connectFn, connect } = connector();
    const link = openNatsLink({ serverUrl: 'wss://nats.example', connect: connectFn });
    const states: ShareLinkState[] = [];
    link.onState((state) => states.push(state));
    expect(link.publish('calmrun.share.g.r.hr', Uint8Array.from([1]))).toBe(false);
    connect();
    await vi.waitFor(() => {
      expect(link.state).toBe('connected');
    });
    expect(link.publish('calmrun.share.g.r.hr', Uint8Array.from([2]))).toBe(true);
    fake.pushStatus({ type: 'disconnect', server: 'x' });
    await vi.waitFor(() => {
      expect(link.state).toBe('reconnecting');
    });
    expect(link.publish('calmrun.share.g.r.hr', Uint8Array.from([3]))).toBe(false);
    fake.pushStatus({ type: 'reconnect', server: 'x' });
    await vi.waitFor(() => {
      expect(link.state).toBe('connected');
    });
    expect(fake.published.map(({ payload }) => payload[0])).toEqual([2]);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    await link.close();
    expect(link.state).toBe('closed');
  });

  it('starts subscriptions made before it connected, and ends them on unsubscribe', async () => {
    const { fake, connectFn, connect } = connector();
    const link = openNatsLink({ serverUrl: 'wss://nats.example', connect: connectFn });
    const received: string[] = [];
    const unsubscribe = link.subscribe('calmrun.share.g.>', (subject) => received.push(subject));
    expect(fake.subscriptions).toHaveLength(0);
    connect();
    await vi.waitFor(() => {
      expect(fake.subscriptions).toHaveLength(1);
    });
    fake.subscriptions[0]?.deliver('calmrun.share.g.r.hr', new Uint8Array());
    expect(received).toEqual(['calmrun.share.g.r.hr']);
    unsubscribe();
    expect(fake.subscriptions[0]?.open).toBe(false);
    await link.close();
  });

  it('closes a connection that arrives after it was closed', async () => {
    const { fake, connectFn, connect } = connector();
    const link = openNatsLink({ serverUrl: 'wss://nats.example', connect: connectFn });
    await link.close();
    connect();
    await vi.waitFor(() => {
      expect(fake.connection.isClosed()).toBe(true);
    });
    expect(link.state).toBe('closed');
  });
});
