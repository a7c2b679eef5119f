import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HeartRateSource } from '../../../src/adapters/heart-rate-source';
import { StrapEventHub } from '../../../src/adapters/strap-event-hub';
import { LiveShareHost, type SharedRunner } from '../../../src/app/live-share-host.svelte';
import { LiveShareRunner } from '../../../src/app/live-share-runner.svelte';
import { StrapConnection } from '../../../src/app/strap-connection.svelte';
import { browserClock } from '../../../src/adapters/heart-rate-source';
import { encodeHeartRateMeasurement } from '../../../src/core/ble/encode-heart-rate-measurement';
import type { ShareInvitation } from '../../../src/core/share/share-invitation';
import { FakeShareLink } from '../support/fake-share-link';

/** A runner's strap whose notifications the test sends, behind the StrapConnection the app follows. */
function runnerStrap() {
  const hub = new StrapEventHub(browserClock);
  const source: HeartRateSource = {
    id: 'runner-strap',
    kind: 'bluetooth',
    connect: () => Promise.resolve(),
    disconnect: () => undefined,
    subscribe: (listener) => hub.subscribe(listener),
  };
  hub.setState({ kind: 'live' });
  hub.setInfo({ name: 'Polar H10', batteryPercent: 64 });
  const strap = new StrapConnection(source);
  const beat = (heartRateBpm: number) => {
    const bytes = encodeHeartRateMeasurement({ heartRateBpm, sensorContact: 'contact' });
    hub.notify(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  };
  return { strap, beat };
}

describe('live share, runner and therapist', () => {
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A therapist's share group and a runner who accepted its invitation, on one fake server. */
  async function setUp(changeInvitation: (invitation: ShareInvitation) => ShareInvitation = (i) => i) {
    const server = new FakeShareLink();
    const linkOptions: { serverUrl: string; user?: string; password?: string }[] = [];
    const openLink = (options: { serverUrl: string; user?: string; password?: string }) => {
      linkOptions.push(options);
      return server;
    };
    const joined: SharedRunner[] = [];
    const host = await LiveShareHost.open(
      {
        serverUrl: 'wss://nats.practice.example',
        invitedBy: 'Praktijk De Loop',
        runnerUser: 'runner',
        runnerPassword: 'r-secret',
        therapistUser: 'therapist',
        therapistPassword: 't-secret',
      },
      { openLink, onRunner: (runner) => joined.push(runner) },
    );
    const runner = new LiveShareRunner(changeInvitation(host.invitation), { openLink });
    const { strap, beat } = runnerStrap();
    cleanups.push(async () => {
      await runner.stop();
      await host.close();
      strap.dispose();
    });
    return { server, host, runner, strap, beat, joined, linkOptions };
  }

  it('makes an invitation of a new random group and key, with the runner role’s login only', async () => {
    const { host, linkOptions } = await setUp();
    const other = await setUp();
    expect(host.invitation).toMatchObject({
      serverUrl: 'wss://nats.practice.example',
      invitedBy: 'Praktijk De Loop',
      user: 'runner',
      password: 'r-secret',
    });
    expect(host.invitation.groupId).toMatch(/^[a-z2-7]{24}$/);
    expect(host.invitation.key).toHaveLength(32);
    expect(other.host.invitation.groupId).not.toBe(host.invitation.groupId);
    expect(other.host.invitation.key).not.toEqual(host.invitation.key);
    expect(linkOptions[0]).toMatchObject({ user: 'therapist', password: 't-secret' });
    expect(host.linkState).toBe('connected');
  });

  it('brings the runner to the therapist with their name, zone and heart rate, on a strap of their own', async () => {
    const { runner, strap, beat, joined, host } = await setUp();
    expect(runner.state).toBe('off');
    await runner.start(strap, { runnerName: 'Anna', zone: { lowBpm: 118, highBpm: 132 } });
    expect(runner.state).toBe('sharing');
    await vi.waitFor(() => {
      expect(joined).toHaveLength(1);
    });
    const shared = joined[0];
    expect(shared).toMatchObject({ name: 'Anna', zone: { lowBpm: 118, highBpm: 132, method: 'fixed' } });
    expect(host.runners).toEqual(joined);
    beat(127);
    await vi.waitFor(() => {
      expect(shared?.strap.heartRateBpm).toBe(127);
    });
    expect(shared?.strap.state).toEqual({ kind: 'live' });
    expect(shared?.strap.info).toEqual({ name: 'Anna', batteryPercent: 64 });
    expect(shared?.strap.source.kind).toBe('shared');
    expect(host.lastHeardSecondsAgo(shared as SharedRunner, performance.now())).toBe(0);
    // The runner's own strap is untouched by sharing.
    expect(strap.heartRateBpm).toBe(127);
  });

  it('turns the tile to not sharing at once when the runner taps stop, and shares nothing more', async () => {
    const { runner, strap, beat, joined, server } = await setUp();
    await runner.start(strap, { runnerName: 'Anna' });
    await vi.waitFor(() => {
      expect(joined).toHaveLength(1);
    });
    await runner.stop();
    expect(runner.state).toBe('off');
    expect(runner.ended).toBe(true);
    await vi.waitFor(() => {
      expect(joined[0]?.strap.state).toMatchObject({ kind: 'lost', reason: 'not-sharing' });
    });
    const sentBefore = server.published.length;
    beat(130);
    await runner.start(strap, { runnerName: 'Anna' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.published).toHaveLength(sentBefore);
  });

  it('counts what a runner with another key sends as unreadable, and adds no runner', async () => {
    const { runner, strap, beat, joined, host } = await setUp((invitation) => ({
      ...invitation,
      key: new Uint8Array(32).fill(1),
    }));
    await runner.start(strap, { runnerName: 'Anna' });
    beat(130);
    await vi.waitFor(() => {
      expect(host.undecryptableCount).toBe(2);
    });
    expect(joined).toHaveLength(0);
  });

  it('shares a strap connected after the run started', async () => {
    const { runner, joined, server, host } = await setUp();
    await runner.start(undefined, { runnerName: 'Anna' });
    await vi.waitFor(() => {
      expect(joined).toHaveLength(1);
    });
    const later = runnerStrap();
    cleanups.push(() => {
      later.strap.dispose();
      return Promise.resolve();
    });
    runner.follow(later.strap);
    later.beat(133);
    await vi.waitFor(() => {
      expect(joined[0]?.strap.heartRateBpm).toBe(133);
    });
    expect(server.published.some(({ subject }) => subject.endsWith('.hr'))).toBe(true);
    expect(host.undecryptableCount).toBe(0);
  });

  it('shows where the link stands while the network comes and goes', async () => {
    const { runner, strap, server } = await setUp();
    await runner.start(strap, { runnerName: 'Anna' });
    server.setState('reconnecting');
    expect(runner.state).toBe('reconnecting');
    server.setState('connected');
    expect(runner.state).toBe('sharing');
  });
});
