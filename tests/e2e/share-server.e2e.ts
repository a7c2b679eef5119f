import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { openNatsLink } from '../../src/adapters/share/nats-link';
import { ShareCipher } from '../../src/adapters/share/share-cipher';
import { ShareGroupReceiver } from '../../src/adapters/share/share-group-receiver';
import type { ShareLink, ShareLinkState } from '../../src/adapters/share/share-link';
import { SharePublisher } from '../../src/adapters/share/share-publisher';
import type { SharedStrapSource } from '../../src/adapters/share/shared-strap-source';
import { randomBytes } from '../../src/adapters/platform/random-bytes';
import { KEY_BYTES } from '../../src/core/share/invitation-link';
import { newGroupId } from '../../src/core/share/new-share-invitation';
import { SimulatedStrap } from '../../src/adapters/simulated/simulated-strap';
import {
  natsServerPath,
  startNatsCluster,
  startNatsServer,
  stopAll,
  testRunnerUser,
  testTherapistUser,
  type NatsTestServer,
} from '../support/nats-server';

/**
 * The live-share engine against a real nats-server on loopback, configured by deploy/nats/test.conf (the practice's
 * own accounts and permissions). Node has no WebSocket in version 20, so the link connects with
 * @nats-io/transport-node over TCP here; the browser's wsconnect path is driven by the browser tests.
 */
const serverMissing = natsServerPath() === undefined;
if (serverMissing && process.env.CI === 'true') throw new Error('nats-server is required under CI');

const waitOptions = { timeout: 20_000, interval: 50 };
const runnerName = 'Annelies';

interface Pair {
  key: Uint8Array;
  runnerLink: ShareLink;
  therapistLink: ShareLink;
  strap: SimulatedStrap;
  publisher: SharePublisher;
  receiver: ShareGroupReceiver;
  runners: SharedStrapSource[];
  /** Heart rates as the runner's own app decoded them, and as the therapist's side did. */
  runnerBpm: number[];
  therapistBpm: number[];
  close(): Promise<void>;
}

/** A runner sharing a simulated strap, and a therapist following the group, each with their own connection. */
async function sharePair(
  runnerServers: string | string[],
  therapistServers: string | string[],
  options: { therapistKey?: Uint8Array } = {},
): Promise<Pair> {
  const groupId = newGroupId(randomBytes);
  const key = randomBytes(KEY_BYTES);
  const runnerLink = openNatsLink({
    serverUrl: '',
    ...testRunnerUser,
    connect: nodeConnector(runnerServers),
  });
  const therapistLink = openNatsLink({
    serverUrl: '',
    ...testTherapistUser,
    connect: nodeConnector(therapistServers),
  });
  const runners: SharedStrapSource[] = [];
  const therapistBpm: number[] = [];
  const receiver = new ShareGroupReceiver({
    link: therapistLink,
    cipher: await ShareCipher.fromRawKey(options.therapistKey ?? key),
    groupId,
    onRunner: (source) => {
      runners.push(source);
      source.subscribe((event) => {
        if (event.type === 'measurement' && event.measurement.heartRateBpm !== null) {
          therapistBpm.push(event.measurement.heartRateBpm);
        }
      });
      void source.connect();
    },
  });
  receiver.start();
  await waitForState(therapistLink, 'connected');
  const strap = new SimulatedStrap({ seed: 5, speed: 10, name: 'Simulated strap' });
  const runnerBpm: number[] = [];
  strap.subscribe((event) => {
    if (event.type === 'measurement' && event.measurement.heartRateBpm !== null) {
      runnerBpm.push(event.measurement.heartRateBpm);
    }
  });
  const publisher = new SharePublisher(strap, {
    link: runnerLink,
    cipher: await ShareCipher.fromRawKey(key),
    groupId,
    runnerName,
    zone: { lowBpm: 120, highBpm: 135 },
  });
  await waitForState(runnerLink, 'connected');
  await strap.connect();
  return {
    key,
    runnerLink,
    therapistLink,
    strap,
    publisher,
    receiver,
    runners,
    runnerBpm,
    therapistBpm,
    close: async () => {
      await publisher.stop();
      strap.disconnect();
      receiver.stop();
      await Promise.all([runnerLink.close(), therapistLink.close()]);
    },
  };
}

function nodeConnector(servers: string | string[]) {
  return (options: Parameters<typeof connect>[0]) => connect({ ...options, servers });
}

async function waitForState(link: ShareLink, state: ShareLinkState): Promise<void> {
  await vi.waitFor(() => {
    expect(link.state).toBe(state);
  }, waitOptions);
}

/** Waits until the therapist has `count` more readings than now, and returns them. */
async function nextReadings(pair: Pair, count: number): Promise<number[]> {
  const from = pair.therapistBpm.length;
  await vi.waitFor(() => {
    expect(pair.therapistBpm.length).toBeGreaterThanOrEqual(from + count);
  }, waitOptions);
  return pair.therapistBpm.slice(from);
}

describe.skipIf(serverMissing)('live share through a real NATS server', () => {
  let server: NatsTestServer | undefined;
  let pair: Pair | undefined;
  const raw: NatsConnection[] = [];

  beforeAll(async () => {
    server = await startNatsServer();
  });

  afterEach(async () => {
    await pair?.close();
    pair = undefined;
    await Promise.all(raw.splice(0).map((connection) => connection.close()));
  });

  afterAll(async () => {
    await stopAll([server]);
  });

  it('brings the runner’s heart rate to the therapist’s source, reading for reading', async () => {
    if (!server) throw new Error('no server');
    pair = await sharePair(server.clientUrl, server.clientUrl);
    const received = await nextReadings(pair, 20);
    const [source] = pair.runners;
    expect(source?.runnerName).toBe(runnerName);
    expect(source?.zone).toEqual({ lowBpm: 120, highBpm: 135 });
    // Every reading the runner's app had since the therapist's first, in the same order.
    const offset = pair.runnerBpm.indexOf(received[0] ?? -1);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(received).toEqual(pair.runnerBpm.slice(offset, offset + received.length));
    expect(pair.receiver.counts).toEqual({ undecryptable: 0, refused: 0 });
  });

  it('under the wrong key: counted as unreadable, no runner and no reading', async () => {
    if (!server) throw new Error('no server');
    pair = await sharePair(server.clientUrl, server.clientUrl, { therapistKey: randomBytes(KEY_BYTES) });
    const current = pair;
    await vi.waitFor(() => {
      expect(current.receiver.counts.undecryptable).toBeGreaterThanOrEqual(10);
    }, waitOptions);
    expect(current.runners).toHaveLength(0);
    expect(current.therapistBpm).toHaveLength(0);
    expect(current.runnerBpm.length).toBeGreaterThan(0);
  });

  it('refuses the runner user any subscription', async () => {
    if (!server) throw new Error('no server');
    const runner = await connect({ servers: server.clientUrl, ...toAuth(testRunnerUser) });
    raw.push(runner);
    const subscription = runner.subscribe('calmrun.share.>');
    const closedWith = await subscription.closed;
    expect(closedWith).toBeInstanceOf(Error);
    expect(String(closedWith)).toMatch(/permissions violation/i);
    // And the therapist user publishes nothing.
    const therapist = await connect({ servers: server.clientUrl, ...toAuth(testTherapistUser) });
    raw.push(therapist);
    const errors: string[] = [];
    void (async () => {
      for await (const status of therapist.status())
        if (status.type === 'error') errors.push(String(status.error));
    })();
    therapist.publish('calmrun.share.g.r.hr', Uint8Array.from([1]));
    await vi.waitFor(() => {
      expect(errors.join()).toMatch(/permissions violation/i);
    }, waitOptions);
  });

  it('refuses a connection without a user', async () => {
    if (!server) throw new Error('no server');
    await expect(connect({ servers: server.clientUrl, reconnect: false })).rejects.toThrow(/authorization/i);
  });

  it('carries on by itself on both sides after the server restarts', async () => {
    if (!server) throw new Error('no server');
    pair = await sharePair(server.clientUrl, server.clientUrl);
    await nextReadings(pair, 5);
    const current = pair;
    await server.stop();
    await waitForState(current.runnerLink, 'reconnecting');
    await waitForState(current.therapistLink, 'reconnecting');
    // The runner's own readings go on while the server is away.
    const runnerCountWhileAway = current.runnerBpm.length;
    await vi.waitFor(() => {
      expect(current.runnerBpm.length).toBeGreaterThan(runnerCountWhileAway + 3);
    }, waitOptions);
    await server.start();
    await waitForState(current.runnerLink, 'connected');
    await waitForState(current.therapistLink, 'connected');
    const after = await nextReadings(current, 10);
    expect(after.length).toBeGreaterThanOrEqual(10);
    // Live means live: what was read while away was dropped, not replayed late.
    expect(current.publisher.droppedCount).toBeGreaterThan(0);
  });

  it('shows the server no name and no reading in clear', async () => {
    if (!server) throw new Error('no server');
    // A subscriber of the account sees everything the server relays.
    const capture = await connect({ servers: server.clientUrl, ...toAuth(testTherapistUser) });
    raw.push(capture);
    const captured: { subject: string; data: Uint8Array }[] = [];
    capture.subscribe('calmrun.share.>', {
      callback: (_error, message) => {
        captured.push({ subject: message.subject, data: message.data });
      },
    });
    await capture.flush();
    pair = await sharePair(server.clientUrl, server.clientUrl);
    await nextReadings(pair, 10);
    const current = pair;
    await vi.waitFor(() => {
      expect(captured.filter(({ subject }) => subject.endsWith('.presence')).length).toBeGreaterThanOrEqual(
        1,
      );
    }, waitOptions);
    const name = Buffer.from(runnerName);
    for (const { subject, data } of captured) {
      expect(subject).toMatch(/^calmrun\.share\.[a-z0-9]+\.[a-z0-9]+\.(hr|presence)$/);
      expect(subject).not.toContain(runnerName.toLowerCase());
      expect(Buffer.from(data).includes(name)).toBe(false);
      expect(Buffer.from(data).includes(Buffer.from(runnerName.toLowerCase()))).toBe(false);
    }
    // Each reading as sent (its frame, with the strap's raw bytes) is nowhere in what the server relayed.
    const cipher = await ShareCipher.fromRawKey(current.key);
    const hrMessages = captured.filter(({ subject }) => subject.endsWith('.hr'));
    expect(hrMessages.length).toBeGreaterThanOrEqual(10);
    for (const { data } of hrMessages) {
      const frame = await cipher.open(data);
      if (!frame) throw new Error('a relayed reading does not open under the group key');
      expect(Buffer.from(data).includes(Buffer.from(frame))).toBe(false);
      expect(Buffer.from(data).includes(Buffer.from(frame.subarray(14)))).toBe(false);
    }
    // The same reading twice would not even look the same: every message has its own nonce.
    const distinctPayloads = new Set(hrMessages.map(({ data }) => Buffer.from(data).toString('hex')));
    expect(distinctPayloads.size).toBe(hrMessages.length);
  });
});

describe.skipIf(serverMissing)('live share through a three-node cluster', () => {
  let cluster: NatsTestServer[] = [];
  let pair: Pair | undefined;

  beforeAll(async () => {
    cluster = await startNatsCluster(3);
  });

  afterAll(async () => {
    await pair?.close();
    await stopAll(cluster);
  });

  it('keeps the stream going when the runner’s server dies mid-run', async () => {
    const [a, b] = cluster;
    if (!a || !b) throw new Error('no cluster');
    // The runner joins node a, the therapist node b: every reading crosses a route.
    pair = await sharePair(a.clientUrl, b.clientUrl);
    await nextReadings(pair, 10);
    const current = pair;
    const runnerStates: ShareLinkState[] = [];
    current.runnerLink.onState((state) => runnerStates.push(state));
    await a.kill();
    await vi.waitFor(() => {
      expect(runnerStates).toContain('reconnecting');
      expect(runnerStates.at(-1)).toBe('connected');
    }, waitOptions);
    const after = await nextReadings(current, 10);
    expect(after.length).toBeGreaterThanOrEqual(10);
    expect(current.therapistLink.state).toBe('connected');
  });
});

function toAuth(user: { user: string; password: string }): { user: string; pass: string } {
  return { user: user.user, pass: user.password };
}

const deployDir = fileURLToPath(new URL('../../deploy/nats/', import.meta.url));
const opensslMissing = spawnSync('openssl', ['version']).status !== 0;

describe.skipIf(serverMissing || opensslMissing)('the server configuration in deploy/nats', () => {
  let dir: string | undefined;

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** nats-server -t on a copy of deploy/nats with a throwaway certificate where nats.conf expects the real one. */
  function check(file: string, environment: Record<string, string>): { ok: boolean; output: string } {
    dir ??= mkdtempSync(join(tmpdir(), 'calm-run-nats-conf-'));
    const certDir = dir;
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(certDir, 'privkey.pem'),
        '-out',
        join(certDir, 'fullchain.pem'),
      ],
      { stdio: 'ignore' },
    );
    for (const name of ['accounts.conf', 'cluster-node.conf', 'test.conf']) {
      copyFileSync(join(deployDir, name), join(certDir, name));
    }
    const practice = readFileSync(join(deployDir, 'nats.conf'), 'utf8');
    expect(practice).toContain('/etc/nats/certs/fullchain.pem');
    writeFileSync(join(certDir, 'nats.conf'), practice.replaceAll('/etc/nats/certs', certDir));
    const result = spawnSync(natsServerPath() ?? 'nats-server', ['-t', '-c', join(certDir, file)], {
      env: { PATH: process.env.PATH ?? '', ...environment },
      encoding: 'utf8',
    });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  }

  const passwords = { CALMRUN_RUNNER_PASSWORD: 'r', CALMRUN_THERAPIST_PASSWORD: 't' };

  it('accepts the practice’s server, a cluster node and the test server', () => {
    for (const [file, environment] of [
      ['nats.conf', passwords],
      ['cluster-node.conf', passwords],
      [
        'test.conf',
        {
          ...passwords,
          CALMRUN_NATS_PORT: '4999',
          CALMRUN_NATS_WS_PORT: '4998',
          CALMRUN_NATS_SERVER_NAME: 't',
        },
      ],
    ] as const) {
      const result = check(file, environment);
      expect(result.output).toContain('is valid');
      expect(result.ok).toBe(true);
    }
  });

  it('refuses to start without the passwords: none is written in the files', () => {
    const result = check('nats.conf', {});
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/CALMRUN_RUNNER_PASSWORD/);
  });
});
